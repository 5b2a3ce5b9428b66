import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.WA_DESK_E2E_PORT ?? 4799);

/**
 * The e2e suite drives the real UI in Chromium through web mode, against simulator channels. The browser is the
 * system Chromium (Playwright's own download needs internet access this project does not assume).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    viewport: { width: 1360, height: 860 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    },
  },
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    env: { WA_DESK_E2E_PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/?token=e2e-token`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
