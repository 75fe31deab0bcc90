// "Call the assistant": the microphone (through the capture worklet) goes to /api/call as 8 kHz PCM
// frames; the assistant's frames come back and are played by the player worklet. Live figures are kept
// in window.frontdeskCall.stats (the end-to-end test reads them).
import { $, h } from './dom.js';

const stats = { sentFrames: 0, micRms: 0, receivedFrames: 0, playedFrames: 0, playedRms: 0, peakRms: 0, underruns: 0, digitsSent: '' };
window.frontdeskCall = { state: 'idle', stats, callId: undefined };
let session;
const MICROPHONE = { audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false } };

/** Re-opens the microphone mid-call (the user plugged in a headset or picked another device). */
async function restartMicrophone() {
  if (!session) return;
  // Release the old device first, so the new request really re-opens it instead of sharing it.
  session.source.disconnect();
  for (const track of session.stream.getTracks()) track.stop();
  const stream = await navigator.mediaDevices.getUserMedia(MICROPHONE);
  const source = session.context.createMediaStreamSource(stream);
  source.connect(session.capture);
  Object.assign(session, { stream, source });
}
window.frontdeskCall.restartMicrophone = restartMicrophone;
navigator.mediaDevices?.addEventListener?.('devicechange', () => restartMicrophone().catch((error) => console.warn('microphone:', error.message)));

function setState(state, text) {
  window.frontdeskCall.state = state;
  $('#call-state').textContent = text;
  $('#call-start').disabled = state === 'connecting' || state === 'connected';
  $('#call-hangup').disabled = !(state === 'connecting' || state === 'connected');
}

async function startCall() {
  setState('connecting', 'Connecting…');
  Object.assign(stats, { sentFrames: 0, receivedFrames: 0, playedFrames: 0, peakRms: 0, underruns: 0, digitsSent: '' });
  const context = new AudioContext();
  await context.audioWorklet.addModule('/static/audio-worklet.js');
  const stream = await navigator.mediaDevices.getUserMedia(MICROPHONE);
  const capture = new AudioWorkletNode(context, 'frontdesk-capture');
  const player = new AudioWorkletNode(context, 'frontdesk-player', { outputChannelCount: [1] });
  const source = context.createMediaStreamSource(stream);
  source.connect(capture);
  capture.connect(context.destination); // outputs silence; connected so the graph keeps pulling it
  player.connect(context.destination);
  await context.resume();

  const as = $('#call-as').value.trim();
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/call${as ? `?as=${encodeURIComponent(as)}` : ''}`);
  ws.binaryType = 'arraybuffer';
  session = { ws, context, stream, source, capture };
  capture.port.onmessage = (e) => {
    stats.micRms = e.data.rms;
    $('#mic-level').value = Math.min(1, e.data.rms * 4);
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(e.data.frame.buffer);
      stats.sentFrames++;
    }
  };
  player.port.onmessage = (e) => {
    Object.assign(stats, e.data);
    $('#play-level').value = Math.min(1, e.data.playedRms * 4);
  };
  ws.onmessage = (e) => {
    if (typeof e.data !== 'string') {
      player.port.postMessage({ frame: e.data }, [e.data]);
      return;
    }
    const message = JSON.parse(e.data);
    if (message.type === 'start') {
      window.frontdeskCall.callId = message.callId;
      setState('connected', 'Connected — speak to the assistant');
    } else if (message.type === 'stop-playback') player.port.postMessage({ flush: true });
    else if (message.type === 'hangup') endCall(`Call ended: ${message.reason}`);
    else if (message.type === 'error') console.warn('browser call:', message.message);
  };
  ws.onclose = () => endCall(window.frontdeskCall.state === 'connecting' ? 'Could not connect' : 'Call ended');
}

function endCall(text) {
  if (!session) return;
  const { ws, context, stream } = session;
  session = undefined;
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'hangup' }));
  ws.close();
  for (const track of stream.getTracks()) track.stop();
  context.close();
  setState('ended', text);
}

function sendDigit(digit) {
  if (session?.ws.readyState !== WebSocket.OPEN) return;
  session.ws.send(JSON.stringify({ type: 'dtmf', digit }));
  stats.digitsSent += digit;
}

export function setUpCallPanel() {
  $('#keypad').replaceChildren(...'123456789*0#'.split('').map((d) => h('button', { 'data-digit': d, onclick: () => sendDigit(d) }, d)));
  $('#call-open').addEventListener('click', () => ($('#call-panel').hidden = false));
  $('#call-close').addEventListener('click', () => {
    endCall('Ready');
    $('#call-panel').hidden = true;
  });
  $('#call-start').addEventListener('click', () => startCall().catch((error) => {
    endCall(`Could not start: ${error.message}`);
    setState('failed', `Could not start: ${error.message}`);
  }));
  $('#call-hangup').addEventListener('click', () => endCall('Call ended'));
  setState('idle', 'Ready');
}
