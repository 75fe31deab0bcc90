// Speech engines run in child processes: a crashed synthesizer fails only what it was saying and is
// replaced; engines never outlive the server (SIGKILL of the parent leaves no orphans).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { FliteTts } from '../../src/speech/tts/flite.js';

async function collect(audio: AsyncIterable<{ samples: Int16Array }>): Promise<number> {
  let samples = 0;
  for await (const chunk of audio) samples += chunk.samples.length;
  return samples;
}

test('a killed synthesizer process fails the prompt in flight; the next prompt is spoken', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'frontdesk-tts-'));
  const tts = await FliteTts.create({ voice: 'kal', cacheDir, cacheEntries: 0 });
  try {
    const doomed = collect(tts.synthesize('This is a long prompt. It has several sentences. Each one is synthesized in turn. Nobody hears it.'));
    await tts.killEngine();
    await assert.rejects(doomed, /speech synthesizer process stopped/);
    assert.ok((await collect(tts.synthesize('Thank you for calling.'))) > 4000);
  } finally {
    await tts.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

/** State and parent of a process, from /proc (undefined once it is gone). */
function processInfo(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

const alive = (pid: number): boolean => (processInfo(pid)?.state ?? 'Z') !== 'Z';

const childrenOf = (pid: number): number[] =>
  readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((child) => alive(child) && processInfo(child)?.ppid === pid);

test('engine processes exit when the server is killed with SIGKILL', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-orphans-'));
  const stackModule = new URL('../../src/speech/index.js', import.meta.url).href.replace(/\.js$/, '.ts');
  const configModule = new URL('../../src/config/load.ts', import.meta.url).href;
  const script = `
    const { createSpeechStack } = await import(${JSON.stringify(stackModule)});
    const { parseConfig } = await import(${JSON.stringify(configModule)});
    await createSpeechStack(parseConfig({ speech: { workers: 1 } }, 'test', {}), { dataDir: ${JSON.stringify(dataDir)} });
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let output = '';
    server.stdout.on('data', (data: Buffer) => (output += data.toString()));
    while (!output.includes('ready')) {
      if (server.exitCode !== null) assert.fail(`the server exited before it was ready: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const engines = childrenOf(server.pid!);
    assert.equal(engines.length, 2, 'one decoder process and one synthesizer process');
    server.kill('SIGKILL');
    await once(server, 'exit');
    const deadline = Date.now() + 10_000;
    while (engines.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(engines.filter(alive), [], 'no engine outlives its server');
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
