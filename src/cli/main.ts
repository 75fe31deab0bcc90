// The `frontdesk` command line: one sub-command per file in cli/commands/, each with --help.
import { Command } from 'commander';
import { commands } from './commands/index.js';

const program = new Command()
  .name('frontdesk')
  .description('Open-source phone receptionist: answers SIP calls, screens, understands and transfers callers.')
  .version(process.env.npm_package_version ?? '0.1.0')
  .showHelpAfterError();

for (const register of commands) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`frontdesk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
