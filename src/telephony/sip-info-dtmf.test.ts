// SIP INFO DTMF body parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDtmfInfo, parseDtmfInfo } from './sip-info-dtmf.js';

test('application/dtmf-relay Signal and Duration', () => {
  assert.deepEqual(parseDtmfInfo('application/dtmf-relay', Buffer.from('Signal=5\r\nDuration=250\r\n')), { digit: '5', source: 'sip-info', durationMs: 250 });
  assert.equal(parseDtmfInfo('application/dtmf-relay', Buffer.from('Signal=#\r\n'))?.digit, '#');
  assert.equal(parseDtmfInfo('application/dtmf-relay', Buffer.from('Signal=11\r\n'))?.digit, '#');
});

test('application/dtmf bare digit; garbage gives nothing', () => {
  assert.equal(parseDtmfInfo('application/dtmf', Buffer.from('7'))?.digit, '7');
  assert.equal(parseDtmfInfo('application/dtmf', Buffer.from('hello')), undefined);
  assert.equal(parseDtmfInfo('application/dtmf-relay', Buffer.from('Signal=16')), undefined);
  assert.equal(isDtmfInfo('application/dtmf-relay; charset=x'), true);
  assert.equal(isDtmfInfo('text/plain'), false);
});
