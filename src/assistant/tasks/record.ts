// Task "record": the caller's voice message, from the tone until they stop talking, press '#', or
// the length limit; written as WAV into <dataDir>/voice-messages and listed in the store.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../../media/wav.js';
import { CALL_SAMPLE_RATE, type PcmChunk } from '../../media/pcm.js';
import type { CallSession } from '../flow/session.js';

export interface Recording {
  path: string;
  durationMs: number;
  spoke: boolean;
}

/** A 440 Hz tone, 300 ms, played before recording starts. */
export function beep(): PcmChunk {
  const samples = new Int16Array((CALL_SAMPLE_RATE * 300) / 1000);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / CALL_SAMPLE_RATE));
  return { samples, sampleRate: CALL_SAMPLE_RATE };
}

export async function recordMessage(session: CallSession): Promise<Recording | undefined> {
  const { call, config } = session;
  if (session.stopped) return undefined;
  const vad = session.speech.vadFactory();
  vad.configure({ endSilenceMs: 2000, minSpeechMs: 300 });
  const frames: Int16Array[] = [];
  let spoke = false;
  const maxFrames = (config.options.maxVoiceMessageSec * 1000) / 20;
  session.dtmfBuffer = '';
  await new Promise<void>((resolve) => {
    let noSpeechTimer: NodeJS.Timeout | undefined;
    let stopKeys = () => {};
    const done = () => {
      clearTimeout(noSpeechTimer);
      call.off('audio', onAudio);
      stopKeys();
      session.signal.removeEventListener('abort', done);
      resolve();
    };
    const onAudio = (frame: PcmChunk) => {
      frames.push(frame.samples);
      for (const event of vad.process(frame)) {
        if (event.type === 'speech-start') {
          spoke = true;
          clearTimeout(noSpeechTimer);
        } else if (event.type === 'speech-end' && spoke) return done();
      }
      if (frames.length >= maxFrames) done();
    };
    noSpeechTimer = setTimeout(done, config.options.silenceTimeoutMs);
    stopKeys = session.watchDtmf((event) => {
      if (event.digit === '#') done();
    });
    session.signal.addEventListener('abort', done, { once: true });
    call.on('audio', onAudio);
    // After the tone: the moment the caller's words start counting (tests and the dashboard wait for it).
    void session.record.event('recording', { stage: 'start', maxSec: config.options.maxVoiceMessageSec });
  });
  if (!spoke) return { path: '', durationMs: 0, spoke: false };
  const total = frames.reduce((n, f) => n + f.length, 0);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const f of frames) {
    samples.set(f, offset);
    offset += f.length;
  }
  const dir = join(session.dataDir, 'voice-messages');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${session.record.id}-${Date.now()}.wav`);
  await writeFile(path, encodeWav({ samples, sampleRate: CALL_SAMPLE_RATE }));
  return { path, durationMs: Math.round((total / CALL_SAMPLE_RATE) * 1000), spoke: true };
}
