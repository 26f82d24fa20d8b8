/**
 * How fast the intake form opens on a slow phone line, and what the browser downloads for it.
 * Writes apps/web/bench/results.json (and prints it). Run with `npm run bench:web` (scripts/bench-web.sh
 * starts the system when it is not running). Measured, never asserted in tests: the budget below is
 * compared and reported.
 *
 * Network profiles are Chrome DevTools' presets: "Slow 3G" 400 kbit/s (×0.8) each way with 2 s
 * round trips, "Fast 3G" 1.6 Mbit/s (×0.9) down with 562.5 ms round trips.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, GATEWAY_URL, RUN_DIR } from '../e2e/support/environment';

const PROFILES = {
  'slow-3g': { latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 },
  'fast-3g': { latency: 562.5, downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8, uploadThroughput: (750 * 1000 * 0.9) / 8 },
} as const;
/** What we hold the intake form to: a first load an intake worker can wait for on a bad line, and a small script. */
const BUDGET = { firstLoadJsGzipKb: 130, slow3gColdMs: 12_000, slow3gWarmMs: 3_000 };
const RUNS = 3;
const DIST = join(__dirname, '../dist');

function bundle() {
  const assets = readdirSync(join(DIST, 'assets')).map((file) => {
    const bytes = readFileSync(join(DIST, 'assets', file));
    return { file, kb: kb(bytes.length), gzipKb: kb(gzipSync(bytes).length) };
  });
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const firstLoad = assets.filter(({ file }) => html.includes(file));
  const sum = (list: typeof assets, key: 'kb' | 'gzipKb') => round(list.reduce((total, asset) => total + asset[key], 0));
  const js = firstLoad.filter(({ file }) => file.endsWith('.js'));
  return {
    assets,
    firstLoad: {
      files: firstLoad.map(({ file }) => file),
      kb: sum(firstLoad, 'kb'),
      gzipKb: sum(firstLoad, 'gzipKb'),
      jsGzipKb: sum(js, 'gzipKb'),
    },
  };
}

const kb = (bytes: number) => round(bytes / 1024);
const round = (value: number) => Math.round(value * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Time from navigation to the intake form's heading, with the line throttled; and the bytes that came over it. */
async function timeLoad(page: Page, profile: keyof typeof PROFILES, cold: boolean): Promise<{ ms: number; transferredKb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (cold) {
    await cdp.send('Network.clearBrowserCache');
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
      for (const name of await caches.keys()) await caches.delete(name);
    });
  }
  let transferred = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (transferred += event.encodedDataLength));
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile] });
  const started = Date.now();
  await page.goto(`${GATEWAY_URL}/app/`, { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'New referral' }).waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.detach();
  return { ms, transferredKb: kb(transferred) };
}

async function main(): Promise<void> {
  const sizes = bundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const accounts = JSON.parse(readFileSync(join(RUN_DIR, 'demo-accounts.json'), 'utf8')) as { username: string; password: string }[];
  const intake = accounts.find(({ username }) => username === 'intake.demo')!;
  // Signed in once (the cookie stays): what is timed is opening the form, as a worker does each morning.
  const signIn = await page.request.post(`${GATEWAY_URL}/auth/sign-in`, { data: { username: intake.username, password: intake.password } });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  await page.goto(`${GATEWAY_URL}/app/`);
  await page.getByRole('heading', { name: 'New referral' }).waitFor();

  const loads: Record<string, { coldMs: number; warmMs: number; coldTransferredKb: number; warmTransferredKb: number }> = {};
  for (const profile of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
    const cold: { ms: number; transferredKb: number }[] = [];
    const warm: { ms: number; transferredKb: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      cold.push(await timeLoad(page, profile, true));
      // The service worker installs after the cold load; the warm load is the next morning's.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      warm.push(await timeLoad(page, profile, false));
      process.stderr.write(`${profile} run ${run}/${RUNS}: cold ${cold.at(-1)!.ms} ms, warm ${warm.at(-1)!.ms} ms\n`);
    }
    loads[profile] = {
      coldMs: median(cold.map(({ ms }) => ms)),
      warmMs: median(warm.map(({ ms }) => ms)),
      coldTransferredKb: median(cold.map(({ transferredKb }) => transferredKb)),
      warmTransferredKb: median(warm.map(({ transferredKb }) => transferredKb)),
    };
  }
  await browser.close();

  const slow = loads['slow-3g']!;
  const results = {
    measuredAt: new Date().toISOString(),
    machine: 'the 2-core development machine; gateway and services on loopback, Chromium headless',
    runs: RUNS,
    budget: BUDGET,
    withinBudget: {
      firstLoadJs: sizes.firstLoad.jsGzipKb <= BUDGET.firstLoadJsGzipKb,
      slow3gCold: slow.coldMs <= BUDGET.slow3gColdMs,
      slow3gWarm: slow.warmMs <= BUDGET.slow3gWarmMs,
    },
    bundle: sizes,
    intakeFormLoad: loads,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `${JSON.stringify({ budget: BUDGET, withinBudget: results.withinBudget, firstLoad: sizes.firstLoad, loads }, null, 2)}\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
