// Starts a speech engine (native code: pocketsphinx, flite) in its own child process, so a crash in a C
// library kills that engine only, never the call server. Runs the TypeScript sources through tsx too.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The environment variable carrying an engine's JSON setup (read by engine-host.ts). */
export const ENGINE_SETUP_ENV = 'FRONTDESK_ENGINE_SETUP';

interface EngineProcessEvents<Out> {
  message: [message: Out];
  error: [error: Error];
  /** The exit code, or the signal that killed it (e.g. 'SIGSEGV'). */
  exit: [code: number | string];
}

/** A running engine process, used like a worker thread: postMessage / 'message' / 'exit' / terminate. */
export class EngineProcess<In, Out> extends EventEmitter<EngineProcessEvents<Out>> {
  private exited = false;
  private readonly exitedPromise: Promise<void>;
  /** Held until the engine's first message (its 'ready'): messages sent before it listens would be lost. */
  private backlog: In[] | undefined = [];

  constructor(private readonly child: ChildProcess) {
    super();
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        resolve();
        this.emit('exit', code ?? signal ?? 'unknown');
      });
    });
    child.on('message', (message) => {
      const backlog = this.backlog;
      this.backlog = undefined;
      for (const queued of backlog ?? []) this.deliver(queued);
      this.emit('message', message as Out);
    });
    child.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /** Messages to a process that has died are dropped: its 'exit' already failed what was in flight. */
  postMessage(message: In): void {
    if (this.backlog) this.backlog.push(message);
    else this.deliver(message);
  }

  private deliver(message: In): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message as object, (error) => {
      if (error && !this.exited) this.emit('error', error);
    });
  }

  /** Kills the process (as a crash would, for tests) and resolves once it is gone. */
  async terminate(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.exited) this.child.kill(signal);
    await this.exitedPromise;
  }
}

export function spawnEngineProcess<In, Out>(url: URL, setup: unknown): EngineProcess<In, Out> {
  // Only tsx's loader for the sources; none of the parent's own flags (--test, --inspect, ...).
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const child = fork(fileURLToPath(url), [], {
    execArgv,
    env: { ...process.env, [ENGINE_SETUP_ENV]: JSON.stringify(setup) },
    // 'advanced': structured clone, so Int16Array audio crosses as typed arrays, not JSON number lists.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new EngineProcess<In, Out>(child);
}

/** The sibling module `name` (without extension) of `base`, with base's own extension (.ts or .js). */
export function siblingModule(base: string, name: string): URL {
  const extension = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, base);
}
