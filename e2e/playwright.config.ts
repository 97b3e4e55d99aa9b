import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { desktop, phone, tablet } from './devices';

// `cargo xtask test` sets both; the defaults let `npx playwright test` run after `cargo xtask build`
// and `cargo build -p api` from a plain checkout.
const repo = path.resolve(__dirname, '..');
const apiBin = process.env.NED_API_BIN ?? path.join(repo, 'target', 'debug', 'ned-api');
const dist = process.env.NED_DIST ?? path.join(repo, 'dist');

// A port apart from `cargo xtask run`'s 8080, so both can run at once.
const port = Number(process.env.NED_E2E_PORT ?? 8090);
const baseURL = `http://127.0.0.1:${port}`;
// Fixed per port and wiped at start: every run begins from the demo data alone.
const dbDir = path.join(os.tmpdir(), `ned-e2e-${port}`);
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export default defineConfig({
  testDir: './tests',
  // Two cores shared by the API, Chromium and the tests themselves.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  use: {
    baseURL,
    // A stuck action fails with its own line rather than as a whole-test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    headless: true,
    launchOptions: {
      // Debian's Chromium: Playwright must never download a browser on this closed network.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'public',
      testMatch: /public\.spec\.ts/,
      use: phone,
    },
    {
      name: 'detainee',
      testMatch: /detainee\.spec\.ts/,
      use: tablet,
    },
    {
      name: 'agent',
      testMatch: /agent\.spec\.ts/,
      use: desktop,
    },
  ],
  webServer: {
    command: `rm -rf ${sh(dbDir)} && mkdir -p ${sh(dbDir)} && exec ${sh(apiBin)}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // Migrations and the demo world (argon2 hashes) on a cold SQLite file.
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NED_BIND: `127.0.0.1:${port}`,
      NED_DATABASE_URL: `sqlite://${dbDir}/e2e.db`,
      NED_DEMO_DATA: 'true',
      NED_STATIC_DIR: dist,
      // Links in e-mails (address confirmation) lead to this instance.
      NED_PUBLIC_URL: baseURL,
      NED_LOG: process.env.NED_LOG ?? 'warn',
    },
  },
});
