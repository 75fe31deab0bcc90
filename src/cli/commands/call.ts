// `frontdesk call <sip-uri>`: an outgoing test call a user runs to check their own setup — plays a
// file, sends DTMF, records what it hears, prints what was negotiated and how the media went.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { createTelephony } from '../../telephony/index.js';
import type { PcmChunk } from '../../media/pcm.js';
import { readWav, writeWav } from '../../media/wav.js';

interface CallOptions {
  play?: string;
  record?: string;
  dtmf?: string;
  duration: string;
  port: string;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('call')
    .description('place a test call: play a WAV, send DTMF, record the answer')
    .argument('<uri>', 'who to call, e.g. sip:frontdesk@127.0.0.1:5060')
    .option('--play <file>', 'WAV file to play once answered')
    .option('--record <file>', 'write what the other side says to this WAV file')
    .option('--dtmf <digits>', 'digits to send (RFC 4733) one second after answer')
    .option('--duration <seconds>', 'hang up after this long', '10')
    .option('--port <port>', 'local SIP port (0 = any free port)', '0')
    .option('-c, --config <file>', 'YAML configuration for accounts/proxy (optional)')
    .action(async (uri: string, options: CallOptions) => {
      const config = loadConfig(options.config);
      const telephony = await createTelephony(
        { ...config, telephony: 'sip', sip: { ...config.sip, port: Number(options.port), accounts: [] } },
        undefined,
      );
      await telephony.start();
      const heard: Int16Array[] = [];
      try {
        const call = await telephony.dial(uri);
        console.log(`connected: ${call.facts.codec.name}/${call.facts.codec.clockRate} with ${call.facts.peer.address}:${call.facts.peer.port}`);
        call.on('audio', (frame: PcmChunk) => heard.push(frame.samples));
        call.on('dtmf', (event) => console.log(`dtmf received: ${event.digit} (${event.source})`));
        const ended = new Promise<string>((resolve) => call.once('hangup', (event) => resolve(`${event.by}: ${event.reason}`)));
        if (options.play) void call.play(single(readWav(options.play)));
        if (options.dtmf) setTimeout(() => void call.sendDtmf(options.dtmf!), 1000);
        const timer = setTimeout(() => void call.hangup('duration reached'), Number(options.duration) * 1000);
        console.log(`ended (${await ended})`);
        clearTimeout(timer);
      } finally {
        if (options.record) {
          const total = heard.reduce((n, s) => n + s.length, 0);
          const samples = new Int16Array(total);
          let offset = 0;
          for (const s of heard) samples.set(s, (offset += s.length) - s.length);
          writeWav(options.record, { samples, sampleRate: 8000 });
          console.log(`recorded ${(total / 8000).toFixed(1)} s to ${options.record}`);
        }
        await telephony.stop();
      }
    });
}

async function* single(chunk: PcmChunk): AsyncIterable<PcmChunk> {
  yield chunk;
}
