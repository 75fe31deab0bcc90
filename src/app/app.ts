// The composition root: builds the store, telephony, speech, brain, assistant and web server from
// one validated config, routes each call to the configured mode, and owns reload and shutdown.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { logger as makeLogger, type Logger } from '../log.js';
import { activeCalls as activeCallsGauge } from '../metrics.js';
import type { Call, IncomingCall } from '../telephony/call.js';
import { createTelephony, type Telephony } from '../telephony/index.js';
import { openStore } from '../store/index.js';
import { LiveBus, withLive } from '../store/live.js';
import { startRetention } from '../store/retention.js';
import type { CallStore } from '../store/store.js';
import { createSpeechStack, type SpeechStack } from '../speech/index.js';
import { createBrain } from '../assistant/brain/index.js';
import { Receptionist } from '../assistant/receptionist.js';
import { vocabularyOf } from '../assistant/vocabulary.js';
import { startWebServer } from '../web/server.js';
import { readWav } from '../media/wav.js';
import { runEcho, runPlayback } from './modes.js';
import { CallTracker } from './call-tracker.js';

export interface App {
  readonly config: Config;
  readonly telephony: Telephony;
  readonly store: CallStore;
  readonly live: LiveBus;
  readonly webUrl: string;
  /** Re-reads the config file (SIGHUP): new calls use it, calls in progress keep theirs. */
  reload(): void;
  /** Graceful: 503 to new calls, wait for calls up to the deadline, unregister, flush the store. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Immediate: hang up every call now, flush the store. */
  abort(): Promise<void>;
}

export interface StartOptions {
  /** Re-reads the configuration for reload() (SIGHUP), e.g. the file plus command-line flags. */
  reloadConfig?: () => Config;
  logger?: Logger;
}

export async function startApp(initial: Config, options: StartOptions = {}): Promise<App> {
  let config = initial;
  const log = options.logger ?? makeLogger('app');
  const dataDir = resolve(config.operations.dataDir);
  mkdirSync(dataDir, { recursive: true });

  const live = new LiveBus();
  const store = withLive(await openStore(config, log), live);
  const retention = startRetention(store, config.operations.retentionDays, log);
  const calls = new CallTracker(store, log);

  const telephony = await createTelephony(config, log);
  let speech: SpeechStack | undefined;
  let receptionist: Receptionist | undefined;
  if (config.mode === 'assistant') {
    speech = await createSpeechStack(config, { dataDir, logger: log, vocabulary: vocabularyOf(config.assistant) });
    const presence = telephony.agentAvailability?.bind(telephony);
    const agentAvailability = presence ? (agent: { uri: string }) => presence(agent.uri) : undefined;
    receptionist = new Receptionist({ config, speech, brain: createBrain(config), store, live, logger: log, agentAvailability });
  }
  let playback = config.mode === 'playback' ? readWav(requirePlaybackFile(config)) : undefined;

  const route = (incoming: IncomingCall): void => {
    if (receptionist) {
      void calls.watchIncoming(incoming, (tracked) => receptionist!.handle(tracked));
      return;
    }
    // The file is the one configured when the INVITE arrived: a reload during answering must not switch it.
    const file = playback;
    void calls.answerSimple(incoming, (call: Call) => (file ? runPlayback(call, file) : runEcho(call)));
  };
  telephony.on('incoming', route);
  await telephony.start();

  const web = await startWebServer({
    config,
    store,
    live,
    logger: log,
    status: () => {
      const { registrations } = telephony.status();
      return {
        sip: { registrations: registrations.map((r) => ({ ...r, expiresAt: r.expiresAt?.toISOString() })), activeCalls: calls.count },
        providers: providerNames(config),
      };
    },
    browserCalls: (call: Call) => route(calls.asIncoming(call)),
  });
  log.info({ mode: config.mode, sip: telephony.status().listening, web: web.url }, 'frontdesk ready');

  let stopping: Promise<void> | undefined;
  let finished: Promise<void> | undefined;
  // Once only: a second signal may arrive while the graceful stop is already closing things.
  const finish = (): Promise<void> =>
    (finished ??= (async () => {
      await telephony.stop();
      await web.close();
      receptionist?.close();
      await speech?.close();
      retention.stop();
      await store.close();
      activeCallsGauge.set(0);
    })());

  /** Applies a new configuration to new calls; throws (changing nothing) when it cannot be used. */
  const apply = (next: Config): void => {
    if (next.mode !== config.mode) throw new Error(`mode: changing the mode (${config.mode} → ${next.mode}) needs a restart`);
    const nextPlayback = next.mode === 'playback' ? readWav(requirePlaybackFile(next)) : undefined;
    receptionist?.reload(next, createBrain(next));
    playback = nextPlayback;
    config = next;
  };

  return {
    get config() {
      return config;
    },
    telephony,
    store,
    live,
    webUrl: web.url,
    reload() {
      if (!options.reloadConfig) return;
      try {
        apply(options.reloadConfig());
        log.info('configuration reloaded');
      } catch (error) {
        log.error({ err: (error as Error).message }, `configuration reload failed (${(error as Error).message}); keeping the running one`);
      }
    },
    stop({ graceMs = 30_000 } = {}) {
      stopping ??= (async () => {
        // Retry-After: when this process will be gone, at the latest (at least 1 s).
        telephony.drain(Math.max(1, Math.ceil(graceMs / 1000)));
        log.info({ activeCalls: calls.count, graceMs }, 'draining: new calls get 503, waiting for calls in progress');
        await calls.waitForAll(graceMs);
        await calls.hangupAll('shutting down');
        await finish();
      })();
      return stopping;
    },
    async abort() {
      telephony.drain(1);
      await calls.hangupAll('shutting down now');
      await finish();
    },
  };
}

function providerNames(config: Config): Record<string, string> {
  return { telephony: config.telephony, mode: config.mode, stt: config.speech.stt, tts: config.speech.tts, vad: config.speech.vad };
}

function requirePlaybackFile(config: Config): string {
  if (!config.playbackFile) throw new Error('mode playback needs playbackFile (or --play)');
  return config.playbackFile;
}
