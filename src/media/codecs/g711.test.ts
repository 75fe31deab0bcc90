import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulawDecode, mulawEncode, alawDecode, alawEncode } from './g711.js';

test('µ-law: every code decodes and re-encodes to itself (except the duplicate zero)', () => {
  const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const again = mulawEncode(mulawDecode(codes));
  for (let i = 0; i < 256; i++) if (i !== 0x7f) assert.equal(again[i], i, `code ${i}`);
  assert.equal(mulawEncode(Int16Array.of(0))[0], 0xff);
});

test('A-law: every code decodes and re-encodes to itself', () => {
  const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const again = alawEncode(alawDecode(codes));
  for (let i = 0; i < 256; i++) assert.equal(again[i], i, `code ${i}`);
  assert.equal(alawEncode(Int16Array.of(0))[0], 0xd5);
});

test('G.711 keeps a sine within 3 % error', () => {
  const pcm = Int16Array.from({ length: 160 }, (_, i) => Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  for (const [enc, dec] of [[mulawEncode, mulawDecode], [alawEncode, alawDecode]] as const) {
    const back = dec(enc(pcm));
    for (let i = 0; i < pcm.length; i++) assert.ok(Math.abs(back[i]! - pcm[i]!) <= Math.max(40, Math.abs(pcm[i]!) * 0.03));
  }
});
