// The Silero VAD model's thread: loads the ONNX model with onnxruntime-node and scores 32 ms windows
// for every call at once. Each run takes the oldest waiting window of every stream as one batch (the
// model is recurrent, so a stream's windows run in order); results and the recurrent state go
// straight into the stream's shared memory, so the call side reads them without its event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { STATE_SIZE, STATUS_FAILED, STATUS_READY, streamViews, type StreamViews, type WindowRequest, type WorkerSetup, type WorkerReport } from './silero-protocol.js';

const setup = workerData as WorkerSetup;
const status = new Int32Array(setup.status);
const port = parentPort!;
const waiting = new Map<number, { views: StreamViews; requests: WindowRequest[] }>();
let running = false;

type Ort = typeof import('onnxruntime-node');
let ort: Ort;
let session: import('onnxruntime-node').InferenceSession;
let sampleRate: import('onnxruntime-node').Tensor;

function report(message: WorkerReport): void {
  port.postMessage(message);
}

function fail(reason: string): void {
  Atomics.store(status, 0, STATUS_FAILED);
  Atomics.notify(status, 0);
  for (const { views } of waiting.values()) Atomics.notify(views.resolved, 0);
  waiting.clear();
  report({ type: 'failed', reason });
}

async function load(): Promise<void> {
  try {
    // A CommonJS package: its exports are the default export (or the namespace, depending on loader).
    const loaded = (await import('onnxruntime-node')) as Ort & { default?: Ort };
    ort = loaded.default ?? loaded;
    // One thread: the decoders need the other core; batching, not threads, is what scales here.
    session = await ort.InferenceSession.create(setup.modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', logSeverityLevel: 3 });
    sampleRate = new ort.Tensor('int64', BigInt64Array.from([BigInt(setup.sampleRate)]), []);
    Atomics.store(status, 0, STATUS_READY);
    Atomics.notify(status, 0);
    report({ type: 'ready' });
    void drain();
  } catch (error) {
    fail((error as Error).message.split('\n')[0]!);
  }
}

port.on('message', (requests: WindowRequest[]) => {
  if (Atomics.load(status, 0) === STATUS_FAILED) return;
  for (const request of requests) {
    let stream = waiting.get(request.stream);
    if (!stream) waiting.set(request.stream, (stream = { views: streamViews(request.shared), requests: [] }));
    stream.requests.push(request);
  }
  if (Atomics.load(status, 0) === STATUS_READY) void drain();
});

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (waiting.size > 0) await runBatch();
  } catch (error) {
    fail((error as Error).message.split('\n')[0]!);
  } finally {
    running = false;
  }
}

async function runBatch(): Promise<void> {
  const batch: { views: StreamViews; request: WindowRequest }[] = [];
  for (const [id, stream] of waiting) {
    batch.push({ views: stream.views, request: stream.requests.shift()! });
    if (stream.requests.length === 0) waiting.delete(id);
  }
  const size = batch.length;
  const inputLength = batch[0]!.request.samples.length;
  const input = new Float32Array(size * inputLength);
  const state = new Float32Array(2 * size * STATE_SIZE);
  batch.forEach(({ views, request }, b) => {
    input.set(request.samples, b * inputLength);
    if (request.resetState) return;
    // Shared layout [2][128] per stream; the model's is [2][batch][128].
    state.set(views.state.subarray(0, STATE_SIZE), b * STATE_SIZE);
    state.set(views.state.subarray(STATE_SIZE), (size + b) * STATE_SIZE);
  });
  const result = await session.run({
    input: new ort.Tensor('float32', input, [size, inputLength]),
    state: new ort.Tensor('float32', state, [2, size, STATE_SIZE]),
    sr: sampleRate,
  });
  const probabilities = result.output!.data as Float32Array;
  const next = result.stateN!.data as Float32Array;
  batch.forEach(({ views, request }, b) => {
    views.state.set(next.subarray(b * STATE_SIZE, (b + 1) * STATE_SIZE), 0);
    views.state.set(next.subarray((size + b) * STATE_SIZE, (size + b + 1) * STATE_SIZE), STATE_SIZE);
    views.probabilities[request.seq % views.probabilities.length] = probabilities[b]!;
    Atomics.store(views.resolved, 0, request.seq + 1);
    Atomics.notify(views.resolved, 0);
  });
}

void load();
