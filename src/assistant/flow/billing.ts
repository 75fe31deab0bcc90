// States verify-zip (the caller proves the account's ZIP code, by voice or keypad, before any
// billing fact is read — configurable) and billing (next due date and amount, last payment).
import { extractDigits } from '../brain/numbers.js';
import { spokenDate, spokenMoney } from '../prompts.js';
import { say } from '../tasks/say.js';
import { gather } from '../tasks/gather.js';
import { offerTransfer } from './offer-transfer.js';
import type { CallSession, StateName } from './session.js';

const ZIP_ATTEMPTS = 2;

export async function verifyZip(session: CallSession): Promise<StateName> {
  const customer = session.customer;
  if (!customer) return offerTransfer(session, 'billing', session.prompt('billingNeedsCustomer'));
  if (session.zipVerified || !session.config.options.verifyZipBeforeBilling) return 'billing';
  const expected = (customer.zip ?? '').replace(/\D/g, '');
  if (!expected) return offerTransfer(session, 'billing', session.prompt('billingNeedsCustomer'));
  for (let attempt = 1; attempt <= ZIP_ATTEMPTS; attempt++) {
    await say(session, session.prompt('askZip'));
    const heard = await gather(session, {
      context: { kind: 'digits', length: expected.length },
      timeoutMs: session.config.options.silenceTimeoutMs,
      dtmf: { maxDigits: expected.length, interDigitTimeoutMs: session.config.screening.interDigitTimeoutMs },
    });
    if (heard.kind === 'ended') return 'ended';
    const digits = heard.kind === 'speech' ? extractDigits(heard.text) : heard.kind === 'dtmf' ? heard.digits : '';
    const matched = digits === expected;
    // The ZIP itself is PII: the record keeps only whether it matched.
    void session.record.event('identity', { check: 'zip', attempt, via: heard.kind, matched });
    if (matched) {
      session.zipVerified = true;
      return 'billing';
    }
  }
  return offerTransfer(session, 'billing', session.prompt('zipMismatch'));
}

export async function billing(session: CallSession): Promise<StateName> {
  const facts = session.customer?.billing;
  const allowed = session.zipVerified || !session.config.options.verifyZipBeforeBilling;
  if (!session.customer || !allowed) return 'verify-zip';
  if (!facts) return offerTransfer(session, 'billing', session.prompt('billingUnknown'));
  const lastPayment = facts.paidDate ? session.prompt('billingLastPayment', { paidDate: spokenDate(facts.paidDate) }) : '';
  const summary = session.prompt('billingSummary', {
    amount: spokenMoney(facts.amount, facts.currency),
    nextDueDate: spokenDate(facts.nextDueDate),
    lastPayment,
  });
  void session.record.event('billing', { read: true, status: facts.status });
  await say(session, `${summary} ${session.prompt('anythingElse')}`);
  return 'chatting';
}
