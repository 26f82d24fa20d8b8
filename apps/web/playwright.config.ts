import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, GATEWAY_URL, RESULTS_DIR } from './e2e/support/environment';

/**
 * Browser tests of the staff web app against the whole system as `npm start` runs it (gateway on
 * :4000 with the demo accounts), in Debian's Chromium: Playwright's own browser download is not
 * reachable here. scripts/test-browser.sh starts the system when it is not running and runs these.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.pw.ts',
  // One at a time: they share one running system (and two cores) and some count its cases.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  outputDir: `${RESULTS_DIR}/browser-artifacts`,
  reporter: [['list'], ['json', { outputFile: `${RESULTS_DIR}/browser.json` }]],
  use: {
    baseURL: GATEWAY_URL,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
});
