// The list of sub-commands. Each module exports `register(program)`; add one line per command.
import type { Command } from 'commander';
import { register as serve } from './serve.js';
import { register as call } from './call.js';
import { register as doctor } from './doctor.js';
import { register as evalCommand } from './eval.js';
import { register as calls } from './calls.js';
import { register as configCommand } from './config.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [serve, call, doctor, evalCommand, calls, configCommand];
