// `frontdesk serve`: answers calls in the configured mode until SIGTERM/SIGINT (graceful; a second
// signal ends at once without losing records). SIGHUP reloads the config file (flags still apply).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { startApp, type App } from '../../app/app.js';
import { rootLogger } from '../../log.js';

const SAMPLE_CONFIG = fileURLToPath(new URL('../../../config/frontdesk.yaml', import.meta.url));

export function defaultConfigFile(): string | undefined {
  return existsSync(SAMPLE_CONFIG) ? SAMPLE_CONFIG : undefined;
}

interface ServeOptions {
  config?: string;
  mode?: string;
  play?: string;
  grace: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('answer calls: the assistant by default, or --mode echo|playback to test an installation')
    .option('-c, --config <file>', 'YAML configuration (default: the sample config/frontdesk.yaml)')
    .option('--mode <mode>', 'assistant | echo | playback')
    .option('--play <file>', 'WAV file for playback mode')
    .option('--grace <seconds>', 'how long SIGTERM waits for calls to finish', '30')
    .action(async (options: ServeOptions) => {
      const graceMs = parseGrace(options.grace);
      const file = options.config ?? defaultConfigFile();
      const load = (): Config => {
        const next = withFlags(loadConfig(file), options);
        rootLogger.level = next.logLevel;
        return next;
      };
      let config: Config;
      try {
        config = load();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(`frontdesk: config error: ${error.message}`);
        process.exit(1);
      }
      const app = await startApp(config, { reloadConfig: load });
      handleSignals(app, graceMs);
    });
}

/** Command-line flags win over the file, on start-up and on every reload. */
function withFlags(config: Config, options: ServeOptions): Config {
  if (options.play) return { ...config, mode: 'playback', playbackFile: options.play };
  if (options.mode) return { ...config, mode: parseMode(options.mode) };
  return config;
}

function handleSignals(app: App, graceMs: number): void {
  let signals = 0;
  const shutdown = (signal: string): void => {
    signals++;
    if (signals === 1) {
      console.error(`frontdesk: ${signal}: finishing calls for up to ${graceMs / 1000} s (a second signal ends them now)`);
      void app.stop({ graceMs }).then(() => process.exit(0), fail);
    } else if (signals === 2) {
      console.error(`frontdesk: ${signal}: ending calls now`);
      void app.abort().then(() => process.exit(0), fail);
    }
  };
  const fail = (error: unknown): void => {
    console.error(`frontdesk: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => app.reload());
  // One faulty call path must not take every other call down with the process.
  process.on('unhandledRejection', (reason) => {
    rootLogger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection (kept running)');
  });
}

function parseGrace(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`--grace: expected a number of seconds ≥ 0, got "${text}"`);
  return seconds * 1000;
}

function parseMode(mode: string): 'assistant' | 'echo' | 'playback' {
  if (mode === 'assistant' || mode === 'echo' || mode === 'playback') return mode;
  throw new Error(`--mode: unknown mode "${mode}" (assistant, echo or playback)`);
}
