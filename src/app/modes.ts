// The installation-check call modes: `echo` returns the caller's audio, `playback` plays a file.
// They use only the Call seam, like the assistant does.
import type { Call } from '../telephony/call.js';
import type { PcmChunk } from '../media/pcm.js';
import { PcmQueue } from '../media/pcm-queue.js';

/** Plays the caller's own audio back to them until either side hangs up. */
export async function runEcho(call: Call): Promise<void> {
  const queue = new PcmQueue();
  const onAudio = (frame: PcmChunk) => queue.push(frame);
  call.on('audio', onAudio);
  call.once('hangup', () => {
    call.off('audio', onAudio);
    queue.close();
  });
  if (!call.ended) await call.play(queue);
}

/** Plays `audio` once, then hangs up (unless the caller already did). */
export async function runPlayback(call: Call, audio: PcmChunk): Promise<void> {
  async function* once(): AsyncIterable<PcmChunk> {
    yield audio;
  }
  const outcome = await call.play(once());
  if (outcome !== 'hangup' && !call.ended) await call.hangup('playback finished');
}
