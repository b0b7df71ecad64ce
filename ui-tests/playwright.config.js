/**
 * UI tests run in Debian's Chromium (/usr/bin/chromium): Playwright never downloads a browser here.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

// UI_TEST_PORT lets several test runs share one machine.
const port = process.env.UI_TEST_PORT || '8888';

module.exports = {
  ...baseConfig,
  timeout: 240 * 1000,
  expect: { timeout: 30 * 1000 },
  retries: 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    },
    trace: 'retain-on-failure',
    // Galata records video by default, which needs an ffmpeg Playwright would download.
    video: 'off'
  },
  webServer: {
    command: 'npm start',
    url: `http://localhost:${port}/lab`,
    timeout: 180 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
