// The list of sub-commands. Each module exports `register(program)`; add one line per command.
import type { Command } from 'commander';
import { register as doctor } from './doctor.js';
import { register as evalCommand } from './eval.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [doctor, evalCommand];
