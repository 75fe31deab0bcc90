// PortAllocator: even RTP + odd RTCP ports from the range, bind-checked (taken ports skipped), reuse
// after release, a clear error when the range is exhausted or malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { PortAllocator, PortRangeError, parsePortRange } from './ports.js';
import { freeRtpRange } from '../../test/helpers/ports.js';

test('allocates even/odd pairs, skips a port held by someone else, reuses released pairs', async () => {
  const range = await freeRtpRange(6); // three pairs
  const { min } = parsePortRange(range);
  const base = min % 2 ? min + 1 : min;
  const squatter = createSocket('udp4');
  await new Promise<void>((resolve) => squatter.bind(base + 1, '127.0.0.1', resolve)); // blocks the first pair's RTCP
  const allocator = new PortAllocator(range);
  try {
    const a = await allocator.allocate('127.0.0.1');
    assert.equal(a.rtpPort % 2, 0);
    assert.equal(a.rtcpPort, a.rtpPort + 1);
    assert.notEqual(a.rtpPort, base, 'the pair whose RTCP port was taken is skipped');
    const b = await allocator.allocate('127.0.0.1');
    assert.notEqual(b.rtpPort, a.rtpPort);
    await assert.rejects(allocator.allocate('127.0.0.1'), PortRangeError);
    allocator.release(a);
    allocator.release(a); // idempotent
    const c = await allocator.allocate('127.0.0.1');
    assert.equal(c.rtpPort, a.rtpPort, 'released pair is handed out again');
    assert.equal(allocator.allocated, 2);
    allocator.release(b);
    allocator.release(c);
  } finally {
    squatter.close();
  }
});

test('malformed ranges and unusable addresses are clear errors', async () => {
  assert.throws(() => new PortAllocator('abc'), PortRangeError);
  assert.throws(() => new PortAllocator('30000-20000'), PortRangeError);
  assert.throws(() => new PortAllocator('80-90'), PortRangeError);
  const allocator = new PortAllocator(await freeRtpRange(4));
  await assert.rejects(allocator.allocate('192.0.2.1'), (error: NodeJS.ErrnoException) => error.code === 'EADDRNOTAVAIL');
});
