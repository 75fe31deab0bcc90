// WAV (RIFF) files: read PCM16 / µ-law / A-law of any chunk layout (the corpus has a 58-byte header
// with a fact chunk, so never assume 44 bytes), write PCM16 mono.
import { readFileSync, writeFileSync } from 'node:fs';
import { mulawDecode, alawDecode } from './codecs/g711.js';
import type { PcmChunk } from './pcm.js';

export class WavError extends Error {}

const FORMAT_PCM = 1;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Decodes a WAV buffer to mono 16-bit PCM (channels are mixed down). */
export function decodeWav(buffer: Buffer): PcmChunk {
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavError('not a RIFF/WAVE file');
  }
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let data: Buffer | undefined;
  for (let offset = 12; offset + 8 <= buffer.length; ) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = buffer.subarray(offset + 8, Math.min(buffer.length, offset + 8 + size));
    if (id === 'fmt ') {
      if (body.length < 16) throw new WavError('fmt chunk too short');
      format = body.readUInt16LE(0);
      channels = body.readUInt16LE(2);
      sampleRate = body.readUInt32LE(4);
      bits = body.readUInt16LE(14);
      if (format === FORMAT_EXTENSIBLE && body.length >= 26) format = body.readUInt16LE(24);
    } else if (id === 'data') {
      data = body;
    }
    offset += 8 + size + (size & 1);
  }
  if (!format || !data) throw new WavError('missing fmt or data chunk');
  if (channels < 1 || sampleRate < 1) throw new WavError('invalid channel count or sample rate');
  let interleaved: Int16Array;
  if (format === FORMAT_PCM && bits === 16) {
    interleaved = new Int16Array(Math.floor(data.length / 2));
    for (let i = 0; i < interleaved.length; i++) interleaved[i] = data.readInt16LE(i * 2);
  } else if (format === FORMAT_MULAW && bits === 8) {
    interleaved = mulawDecode(data);
  } else if (format === FORMAT_ALAW && bits === 8) {
    interleaved = alawDecode(data);
  } else {
    throw new WavError(`unsupported WAV format ${format} with ${bits} bits`);
  }
  if (channels === 1) return { samples: interleaved, sampleRate };
  const frames = Math.floor(interleaved.length / channels);
  const mono = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c]!;
    mono[i] = Math.round(sum / channels);
  }
  return { samples: mono, sampleRate };
}

export function readWav(path: string): PcmChunk {
  return decodeWav(readFileSync(path));
}

/** Encodes mono 16-bit PCM as a canonical 44-byte-header WAV. */
export function encodeWav(pcm: PcmChunk): Buffer {
  const dataBytes = pcm.samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(FORMAT_PCM, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(pcm.sampleRate, 24);
  out.writeUInt32LE(pcm.sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < pcm.samples.length; i++) out.writeInt16LE(pcm.samples[i]!, 44 + i * 2);
  return out;
}

export function writeWav(path: string, pcm: PcmChunk): void {
  writeFileSync(path, encodeWav(pcm));
}
