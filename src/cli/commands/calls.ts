// `frontdesk calls`: recent call records from the store (read-only, safe beside a running server),
// filtered by number, outcome and date; a table for people or --json for scripts.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { createStore } from '../../store/index.js';
import { isOutcome, OUTCOMES } from '../../store/common.js';
import type { CallFilter, CallSummary } from '../../store/store.js';
import { defaultConfigFile } from './serve.js';

interface CallsOptions {
  config?: string;
  number?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit: string;
  json?: boolean;
}

function parseDate(text: string, flag: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag}: expected a date like 2026-03-01 or an ISO time, got "${text}"`);
  return date;
}

export function callsFilter(options: CallsOptions): CallFilter {
  if (options.outcome !== undefined && !isOutcome(options.outcome)) {
    throw new Error(`--outcome: unknown outcome "${options.outcome}" (one of ${OUTCOMES.join(', ')})`);
  }
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit: expected 1..1000');
  return {
    number: options.number,
    outcome: options.outcome as CallFilter['outcome'],
    since: options.since ? parseDate(options.since, '--since') : undefined,
    until: options.until ? parseDate(options.until, '--until') : undefined,
    limit,
  };
}

function seconds(call: CallSummary): string {
  return call.endedAt ? `${Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000)}s` : '';
}

export function formatTable(calls: CallSummary[]): string {
  const rows = calls.map((c) => [c.startedAt.toISOString().replace('T', ' ').slice(0, 19), c.caller, c.outcome, c.identity ?? '', c.customerName ?? '', seconds(c), c.id]);
  const header = ['started (UTC)', 'caller', 'outcome', 'identity', 'customer', 'length', 'id'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function register(program: Command): void {
  program
    .command('calls')
    .description('list recent call records, newest first')
    .option('-c, --config <file>', 'YAML configuration (default: the sample config/frontdesk.yaml)')
    .option('--number <number>', 'calls from or to this number (part of it is enough)')
    .option('--outcome <outcome>', `one of: ${OUTCOMES.join(', ')}`)
    .option('--since <date>', 'calls started on or after this date/time')
    .option('--until <date>', 'calls started before this date/time')
    .option('--limit <n>', 'at most this many records', '50')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: CallsOptions) => {
      const filter = callsFilter(options);
      const config = loadConfig(options.config ?? defaultConfigFile());
      const store = createStore(config, undefined, { readOnly: true });
      await store.open();
      try {
        const calls = await store.listCalls(filter);
        if (options.json) console.log(JSON.stringify(calls, null, 2));
        else console.log(calls.length ? formatTable(calls) : 'no calls match');
      } finally {
        await store.close();
      }
    });
}
