// `frontdesk config check [file]`: validates a configuration file the way start-up does and prints
// "OK" or the one-line error (exit code 1), so a config can be checked before a restart.
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/load.js';
import { defaultConfigFile } from './serve.js';

export function register(program: Command): void {
  const config = program.command('config').description('work with the configuration file');
  config
    .command('check [file]')
    .description('validate a configuration file (default: the sample config/frontdesk.yaml)')
    .action((file: string | undefined) => {
      const path = file ?? defaultConfigFile();
      try {
        loadConfig(path);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
        return;
      }
      console.log(`OK: ${path ?? '(defaults)'}`);
    });
}
