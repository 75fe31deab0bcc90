// Preload for the real `frontdesk serve` process in end-to-end tests (node --import tsx --import this):
// the same CliFliteTts stand-in the in-process assistant tests use (see cli-flite-tts.ts for why).
import { useCliFlite } from './cli-flite-tts.js';

useCliFlite();
