// Decoder worker thread: owns pocketsphinx decoders (one per concurrent session, reused), decodes
// each session incrementally as its audio arrives so the final result is ready right after it ends.
import { parentPort, workerData } from 'node:worker_threads';
import { Upsampler2x } from '../resample.js';
import { Decoder } from './decoder.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;

interface Session {
  decoder: Decoder;
  upsampler: Upsampler2x;
  frames: number;
  lastPartial: string;
}

const spare: Decoder[] = [];
const sessions = new Map<number, Session>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

function takeDecoder(): Decoder {
  return spare.pop() ?? new Decoder(setup);
}

function release(decoder: Decoder): void {
  if (spare.length < setup.spareDecoders) spare.push(decoder);
  else decoder.free();
}

function handle(message: ToWorker): void {
  if (message.type === 'open') {
    const decoder = takeDecoder();
    try {
      decoder.begin(message.context);
    } catch (error) {
      release(decoder);
      throw error;
    }
    sessions.set(message.id, { decoder, upsampler: new Upsampler2x(), frames: 0, lastPartial: '' });
    return;
  }
  const session = sessions.get(message.id);
  if (!session) return; // closed or failed earlier: late messages are harmless
  if (message.type === 'audio') {
    session.decoder.feed(session.upsampler.process(message.samples));
    session.frames += Math.round(message.samples.length / 160);
    if (setup.partialEveryFrames > 0 && session.frames >= setup.partialEveryFrames) {
      session.frames = 0;
      const text = session.decoder.partial();
      if (text !== session.lastPartial) send({ type: 'partial', id: message.id, text: (session.lastPartial = text) });
    }
    return;
  }
  sessions.delete(message.id);
  if (message.type === 'end') {
    const result = session.decoder.finish();
    release(session.decoder);
    send({ type: 'final', id: message.id, result });
  } else {
    session.decoder.finish();
    release(session.decoder);
  }
}

port.on('message', (message: ToWorker) => {
  try {
    handle(message);
  } catch (error) {
    const failed = sessions.get(message.id);
    if (failed) {
      sessions.delete(message.id);
      try {
        failed.decoder.free();
      } catch {
        // the decoder is already broken; dropping it is all we can do
      }
    }
    send({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});

// Load one decoder up front so the first call does not pay for ps_init (a failure here fails start-up).
spare.push(new Decoder(setup));
send({ type: 'ready' });
