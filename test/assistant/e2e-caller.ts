// A real caller for assistant end-to-end tests: baresip dialling frontdesk with a given caller number,
// speaking WAVs (switched at run time with `ausrc`) and pressing keys (RFC 4733 `sndcode`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip } from '../helpers/baresip.js';
import { freeRtpRange, freeSipPort } from '../helpers/ports.js';
import { silence } from './e2e-harness.js';

export interface Caller {
  phone: Baresip;
  dir: string;
  say(wav: string): Promise<void>;
  press(keys: string): Promise<void>;
  hangup(): Promise<void>;
  stop(): Promise<void>;
}

export async function dialFrontdesk(sipPort: number, callerNumber: string, name: string): Promise<Caller> {
  const dir = mkdtempSync(join(tmpdir(), `frontdesk-caller-${name}-`));
  const ownPort = await freeSipPort();
  const phone = await Baresip.start({
    dir,
    sipPort: ownPort,
    ctrlPort: await freeSipPort(),
    rtpPorts: (await freeRtpRange(20)).split('-').map(Number) as [number, number],
    audioFile: silence(dir),
    account: `<sip:${callerNumber}@127.0.0.1:${ownPort}>;regint=0;answermode=auto`,
  });
  await phone.command('dial', `sip:frontdesk@127.0.0.1:${sipPort}`);
  return {
    phone,
    dir,
    say: async (wav) => {
      await phone.command('ausrc', `aufile,${wav}`);
    },
    press: async (keys) => {
      await phone.command('sndcode', keys);
    },
    hangup: async () => {
      await phone.command('hangup');
    },
    stop: () => phone.stop(),
  };
}
