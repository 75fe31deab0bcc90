// `frontdesk serve`: answers calls in the configured mode until SIGTERM/SIGINT (graceful; a second
// signal ends at once without losing records). SIGHUP reloads the config file.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from '../../config/load.js';
import { startApp } from '../../app/app.js';

const SAMPLE_CONFIG = fileURLToPath(new URL('../../../config/frontdesk.yaml', import.meta.url));

export function defaultConfigFile(): string | undefined {
  return existsSync(SAMPLE_CONFIG) ? SAMPLE_CONFIG : undefined;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('answer calls: the assistant by default, or --mode echo|playback to test an installation')
    .option('-c, --config <file>', 'YAML configuration (default: the sample config/frontdesk.yaml)')
    .option('--mode <mode>', 'assistant | echo | playback')
    .option('--play <file>', 'WAV file for playback mode')
    .option('--grace <seconds>', 'how long SIGTERM waits for calls to finish', '30')
    .action(async (options: { config?: string; mode?: string; play?: string; grace: string }) => {
      const file = options.config ?? defaultConfigFile();
      let config;
      try {
        config = loadConfig(file);
        if (options.mode) config = { ...config, mode: parseMode(options.mode) };
        if (options.play) config = { ...config, mode: 'playback' as const, playbackFile: options.play };
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(`frontdesk: config error: ${error.message}`);
          process.exit(1);
        }
        throw error;
      }
      const app = await startApp(config, { configFile: file });
      let signals = 0;
      const shutdown = (signal: string) => {
        signals++;
        if (signals === 1) {
          console.error(`frontdesk: ${signal}: finishing calls (a second signal ends them now)`);
          void app.stop({ graceMs: Number(options.grace) * 1000 }).then(() => process.exit(0));
        } else {
          void app.abort().then(() => process.exit(0));
        }
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGHUP', () => app.reload());
    });
}

function parseMode(mode: string): 'assistant' | 'echo' | 'playback' {
  if (mode === 'assistant' || mode === 'echo' || mode === 'playback') return mode;
  throw new Error(`unknown mode "${mode}" (assistant, echo or playback)`);
}
