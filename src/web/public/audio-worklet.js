// Audio worklet processors for the browser call. 'frontdesk-capture': microphone at the context rate →
// low-pass → 8 kHz 16-bit frames of 160 samples posted to the page. 'frontdesk-player': 8 kHz frames
// from the assistant → the context rate, with a small prebuffer, reporting what it played.
const CALL_RATE = 8000;
const FRAME = 160;

function lowPass(rate, cutoff, taps) {
  const h = new Float32Array(taps);
  const mid = (taps - 1) / 2;
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const t = i - mid;
    const sinc = t === 0 ? 2 * cutoff / rate : Math.sin(2 * Math.PI * cutoff * t / rate) / (Math.PI * t);
    h[i] = sinc * (0.42 - 0.5 * Math.cos(2 * Math.PI * i / (taps - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (taps - 1)));
    sum += h[i];
  }
  for (let i = 0; i < taps; i++) h[i] /= sum;
  return h;
}

class Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.taps = lowPass(sampleRate, 3400, 63);
    this.ring = new Float32Array(this.taps.length);
    this.at = 0;
    this.step = sampleRate / CALL_RATE;
    this.next = 0; // position of the next output sample, in input samples
    this.index = -1;
    this.prev = 0;
    this.frame = new Int16Array(FRAME);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    const { taps, ring } = this;
    for (let i = 0; i < channel.length; i++) {
      ring[this.at] = channel[i];
      this.at = (this.at + 1) % ring.length;
      let y = 0;
      for (let k = 0, j = this.at; k < taps.length; k++, j = (j + 1) % ring.length) y += taps[k] * ring[j];
      this.index++;
      while (this.next <= this.index) {
        const value = this.prev + (y - this.prev) * (1 - (this.index - this.next));
        this.frame[this.filled++] = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
        this.next += this.step;
        if (this.filled === FRAME) this.emit();
      }
      this.prev = y;
    }
    return true;
  }

  emit() {
    let energy = 0;
    for (const s of this.frame) energy += s * s;
    const frame = this.frame;
    this.port.postMessage({ frame, rms: Math.sqrt(energy / FRAME) / 32768 }, [frame.buffer]);
    this.frame = new Int16Array(FRAME);
    this.filled = 0;
  }
}

class Player extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.offset = 0; // read position in queue[0], fractional, in 8 kHz samples
    this.step = CALL_RATE / sampleRate;
    this.playing = false;
    this.stats = { receivedFrames: 0, playedFrames: 0, playedRms: 0, peakRms: 0, underruns: 0 };
    this.blockEnergy = 0;
    this.blockSamples = 0;
    this.quanta = 0;
    this.port.onmessage = (e) => {
      if (e.data.flush) {
        this.queue = [];
        this.offset = 0;
        this.playing = false;
      } else if (e.data.frame) {
        this.queue.push(new Int16Array(e.data.frame));
        this.stats.receivedFrames++;
      }
    };
  }

  queued() {
    return this.queue.reduce((n, f) => n + f.length, 0) - this.offset;
  }

  sample(position) {
    // Samples position and position+1 across frame boundaries, linearly interpolated.
    let i = Math.floor(position);
    const frac = position - i;
    let f = 0;
    while (f < this.queue.length && i >= this.queue[f].length) i -= this.queue[f++].length;
    const a = this.queue[f]?.[i] ?? 0;
    const b = i + 1 < (this.queue[f]?.length ?? 0) ? this.queue[f][i + 1] : (this.queue[f + 1]?.[0] ?? a);
    return (a + (b - a) * frac) / 32768;
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    if (!this.playing && this.queued() >= 3 * FRAME) this.playing = true;
    for (let n = 0; n < out.length; n++) {
      if (!this.playing) { out[n] = 0; continue; }
      if (this.queued() < 2) {
        this.playing = false;
        this.stats.underruns++;
        out[n] = 0;
        continue;
      }
      const value = this.sample(this.offset);
      out[n] = value;
      this.blockEnergy += value * value;
      this.offset += this.step;
      if (++this.blockSamples >= sampleRate / 50) this.closeBlock();
      while (this.queue.length && this.offset >= this.queue[0].length) this.offset -= this.queue.shift().length;
    }
    if (++this.quanta % 40 === 0) this.port.postMessage({ ...this.stats, queuedMs: Math.round(this.queued() / 8) });
    return true;
  }

  closeBlock() {
    const rms = Math.sqrt(this.blockEnergy / this.blockSamples);
    this.stats.playedFrames++;
    this.stats.playedRms = rms;
    this.stats.peakRms = Math.max(this.stats.peakRms, rms);
    this.blockEnergy = 0;
    this.blockSamples = 0;
  }
}

registerProcessor('frontdesk-capture', Capture);
registerProcessor('frontdesk-player', Player);
