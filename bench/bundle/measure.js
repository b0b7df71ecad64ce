/**
 * Browser half of the bundle bench (Chromium through Playwright, see
 * ../shared/browser.js). Prints one JSON object on stdout.
 *
 *   node measure.js <base url> <call log>
 *
 * Every JavaScript response is recorded with the phase it arrived in:
 * - `load`: JupyterLab loaded with the AWS sidebar closed, settled;
 * - `open`: the sidebar opened, every section expanded, settled (no AWS
 *   call and no request for a while).
 * The AWS calls the page sent in each phase are listed too.
 * For each file: the bytes on the wire (Playwright's encoded body size), the
 * Content-Encoding the server used, the decoded size, and the size after
 * gzip -6 (what a compressing server or proxy would send).
 */
const zlib = require('zlib');
const harness = require('../shared/browser');

const [base, callLog] = process.argv.slice(2);
const EXTENSION = '/lab/extensions/jupyterlab-aws-spark-ml/';

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await harness.waitQuiet(page, callLog, 3000, 90_000);
  await page.waitForLoadState('networkidle');
}

async function main() {
  const { browser, page } = await harness.launch();
  const files = [];
  const pending = [];
  let phase = 'load';
  page.on('response', response => {
    const url = response.url();
    if (!url.split('?')[0].endsWith('.js')) {
      return;
    }
    const at = phase;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        files.push({
          phase: at,
          url: url.replace(base, ''),
          extension: url.includes(EXTENSION),
          encoding: response.headers()['content-encoding'] || '',
          wire: sizes.responseBodySize,
          raw: body.length,
          gz: zlib.gzipSync(body, { level: 6 }).length
        });
      })()
    );
  });
  try {
    await harness.loadLab(page, `${base}/lab?reset`);
    await settle(page);
    const sent = () => page.evaluate(() => window.__bench.proxy.map(c => c.op));
    const loadCalls = await sent();
    const sidebarOpen = await page
      .locator('.jp-SideBar [data-id="aws-spark-ml-sidebar"]')
      .getAttribute('aria-selected');
    phase = 'open';
    await harness.openSidebar(page);
    // Collapsed sections (a saved layout) are opened too: everything the sidebar can show.
    const closed = page.locator(
      '#aws-spark-ml-sidebar .lm-AccordionPanel-title[aria-expanded="false"]'
    );
    while ((await closed.count()) > 0) {
      await closed.first().click();
    }
    await page
      .locator('#aws-spark-ml-sidebar .jp-AwsSparkML-section')
      .first()
      .waitFor({ timeout: 60_000 });
    await settle(page);
    await Promise.all(pending);
    const sections = await page
      .locator('#aws-spark-ml-sidebar .lm-AccordionPanel-title')
      .allTextContents();
    const calls = {
      load: loadCalls,
      open: (await sent()).slice(loadCalls.length)
    };
    console.log(JSON.stringify({ files, sections, calls, sidebarOpen }));
  } finally {
    await browser.close();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
