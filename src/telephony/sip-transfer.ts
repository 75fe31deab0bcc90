// Transfers of an answered SIP call: the provider override (RingCentral REST), blind transfer by
// REFER with NOTIFY follow-up (RFC 3515), or a bridge to a new outbound leg with audio relayed both ways.
import { PcmQueue } from '../media/pcm-queue.js';
import { parseNameAddr } from '../sip/name-addr.js';
import { ReferProgress } from '../sip/refer.js';
import type { TransferMode, TransferResult } from './call.js';
import type { SipCall } from './sip-call.js';

const REFER_TIMEOUT_MS = 60_000;

export async function transferCall(call: SipCall, target: string, options: { mode: TransferMode }): Promise<TransferResult> {
  const { context } = call;
  const log = context.logger.child({ callId: call.facts.id, sipCallId: call.facts.callId });
  let result: TransferResult;
  if (context.transferOverride) {
    result = await context.transferOverride(call, target, options);
    if (result.ok) call.close('transfer', `transferred (${options.mode})`);
    return result;
  }
  const domain = parseNameAddr(call.dialog.local)?.uri.host ?? '';
  const uri = context.targetUri(target, domain);
  result = options.mode === 'refer' ? await referTransfer(call, uri) : await bridgeTransfer(call, uri);
  log.info({ mode: options.mode, ok: result.ok, status: result.status, reason: result.reason }, 'transfer finished');
  return result;
}

async function referTransfer(call: SipCall, uri: string): Promise<TransferResult> {
  const { ua } = call.context;
  const progress = new ReferProgress(REFER_TIMEOUT_MS);
  call.referProgress = progress;
  const ourUri = parseNameAddr(call.dialog.local);
  const referredBy = ourUri ? `<sip:${ourUri.uri.user ? `${ourUri.uri.user}@` : ''}${ourUri.uri.host}>` : undefined;
  const response = await ua.requestInDialog(call.dialog, 'REFER', {
    headers: {
      'Refer-To': `<${uri}>`,
      ...(referredBy ? { 'Referred-By': referredBy } : {}),
      Contact: ua.contact(call.dialog.flow.transport),
    },
  });
  if (response.status >= 300) {
    progress.fail(`REFER refused: ${response.status} ${response.reason}`, response.status);
  }
  const outcome = await progress.outcome;
  call.referProgress = undefined;
  if (outcome.ok) await call.hangup('transferred by REFER', 'transfer');
  return outcome;
}

async function bridgeTransfer(call: SipCall, uri: string): Promise<TransferResult> {
  let other;
  try {
    other = (await call.context.dial(uri)) as SipCall;
  } catch (err) {
    const status = Number(/\b([3-6]\d\d)\b/.exec((err as Error).message)?.[1]) || undefined;
    return { ok: false, ...(status ? { status } : {}), reason: (err as Error).message };
  }
  if (call.closed) {
    void other.hangup('caller gone before the bridge');
    return { ok: false, reason: 'caller hung up before the target answered' };
  }
  // Release first: releasing stops whatever the assistant was playing, which must not be the relay.
  call.release('transfer', 'bridged');
  other.release('transfer', 'bridged');
  call.bridgedWith = other;
  other.bridgedWith = call;
  relay(call, other);
  relay(other, call);
  return { ok: true, status: 200, reason: 'bridged' };
}

/** Audio heard on `from` is played to `to` until either leg closes. */
function relay(from: SipCall, to: SipCall): void {
  const queue = new PcmQueue(25);
  from.media.session.on('audio', (chunk) => queue.push(chunk));
  void to.media.session.play(queue, { interruptible: false }).finally(() => queue.close());
}
