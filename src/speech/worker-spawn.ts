// Starts a worker thread from a module URL, also when running TypeScript sources through tsx
// (workers do not inherit tsx's loader hook, so a .ts entry is imported after registering it).
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // An eval'd worker resolves bare specifiers from the process's cwd: name tsx by its resolved URL.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The sibling module `name` (without extension) of `base`, with base's own extension (.ts or .js). */
export function siblingModule(base: string, name: string): URL {
  const extension = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, base);
}
