import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/** Where `npm start` serves the system, and the files it writes (scripts/services.sh's RUN_DIR). */
export const GATEWAY_URL = process.env['HAKI_URL'] ?? 'http://127.0.0.1:4000';
export const RUN_DIR = process.env['HAKI_RUN_DIR'] ?? join(ROOT, '.cache/run');
export const RESULTS_DIR = join(ROOT, '.cache/test-results');
/** Screenshots for docs/ are written only when asked (HAKI_SCREENSHOTS=1, `npm run screenshots`). */
export const SCREENSHOT_DIR = process.env['HAKI_SCREENSHOTS'] === '1' ? join(ROOT, 'docs/screenshots') : undefined;

/** Debian's Chromium; the flags keep it from calling out (this machine's network refuses it) and let it run as root. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
