/**
 * Browser half of the compute bench, in Debian's Chromium through Playwright
 * (the copy in ui-tests/node_modules). Prints one JSON object on stdout.
 *
 *   node measure.js <base url> <clusters> <sessions> <call log> <reloads>
 *
 * Times are taken inside the page with performance.now():
 * - data → rendered: from the moment the last ListClusters (or ListSessions)
 *   page has fully arrived in the browser to the moment the list's rows and
 *   count are in the DOM (MutationObserver), and to the next frame after it.
 * - keystroke: from the keydown event's timestamp to the end of the work it
 *   caused (React's render and commit of the filtered lists) and to the next
 *   frame after it.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require(
  path.join(__dirname, '../../ui-tests/node_modules/playwright')
);

const [base, clusters, sessions, callLog, reloadsArg] = process.argv.slice(2);
const RELOADS = Number(reloadsArg || 5);
const QUERY = 'bench-cluster-19';

/** Runs in the page before JupyterLab: watches the proxy's list answers and the DOM. */
function instrument(expected) {
  const bench = (window.__bench = {
    requests: {},
    lastPage: {},
    rendered: {},
    framed: {}
  });
  const lists = {
    ListClusters: ['EMR clusters', expected.clusters],
    ListSessions: ['Glue sessions', expected.sessions]
  };
  const afterNextFrame = cb =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(performance.now());
      ch.port2.postMessage(null);
    });
  const origFetch = window.fetch;
  window.fetch = async function (input, init) {
    const response = await origFetch.call(this, input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (!String(url).includes('/aws-spark-ml/proxy/')) {
      return response;
    }
    let target = '';
    if (input instanceof Request) {
      target = input.headers.get('x-amz-target') || '';
    }
    if (!target && init && init.headers) {
      const h = new Headers(init.headers);
      target = h.get('x-amz-target') || '';
    }
    const op = target.split('.').pop() || url.split('?')[0].split('/').pop();
    bench.requests[op] = (bench.requests[op] || 0) + 1;
    if (op in lists) {
      const body = await response.clone().json();
      if (!body.Marker && !body.NextToken) {
        // The last page is here: the list has all its data from now on.
        bench.lastPage[op] = performance.now();
        delete bench.rendered[op];
        delete bench.framed[op];
      }
    }
    return response;
  };
  const check = () => {
    for (const [op, [label, count]] of Object.entries(lists)) {
      if (!bench.lastPage[op] || bench.rendered[op]) {
        continue;
      }
      const list = document.querySelector(
        `[role="list"][aria-label="${label}"]`
      );
      const heading = [...document.querySelectorAll('h3')].find(
        h => h.textContent === `${label} (${count})`
      );
      if (list && heading && list.querySelector('[role="listitem"]')) {
        const t = performance.now();
        bench.rendered[op] = t - bench.lastPage[op];
        bench.rows = list.querySelectorAll('[role="listitem"]').length;
        afterNextFrame(t2 => (bench.framed[op] = t2 - bench.lastPage[op]));
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true
  });
}

/** Runs in the page: records each keystroke in the search box. */
function recordKeys() {
  const keys = (window.__keys = []);
  const afterNextFrame = cb =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(performance.now());
      ch.port2.postMessage(null);
    });
  let current = null;
  window.addEventListener(
    'keydown',
    e => {
      current = { key: e.key, start: e.timeStamp };
      keys.push(current);
    },
    true
  );
  // Bubble phase on window: React's own listener (on its root) has run and
  // queued its synchronous render; a microtask queued now runs after that
  // render and commit, so it marks the end of the work the keystroke caused.
  window.addEventListener('input', () => {
    const rec = current;
    queueMicrotask(() => {
      rec.work = performance.now() - rec.start;
      rec.headings = [...document.querySelectorAll('h3')]
        .map(h => h.textContent)
        .filter(t => /^(EMR clusters|Glue sessions) \(/.test(t));
      afterNextFrame(t => (rec.frame = t - rec.start));
    });
  });
}

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const q = p => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  const r = x => Math.round(x * 10) / 10;
  return {
    n: v.length,
    p50: r(q(0.5)),
    p95: r(q(0.95)),
    max: r(v[v.length - 1])
  };
}

function callsSince(offset) {
  const lines = fs.readFileSync(callLog, 'utf-8').split('\n').filter(Boolean);
  const calls = lines.slice(offset).map(l => JSON.parse(l));
  const byOp = {};
  for (const c of calls) {
    byOp[c.op] = (byOp[c.op] || 0) + 1;
  }
  return { count: lines.length, calls, byOp };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking'
    ]
  });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 }
  });
  await context.addInitScript(instrument, {
    clusters: Number(clusters),
    sessions: Number(sessions)
  });
  const page = await context.newPage();
  const result = {
    clusters: Number(clusters),
    sessions: Number(sessions),
    loads: []
  };

  const openSidebar = async () => {
    const tab = page.locator('.jp-SideBar [data-id="aws-spark-ml-sidebar"]');
    await tab.waitFor({ timeout: 120_000 });
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
    }
  };
  const rendered = () =>
    page.waitForFunction(
      () =>
        window.__bench.framed.ListClusters &&
        window.__bench.framed.ListSessions,
      null,
      { timeout: 180_000, polling: 200 }
    );

  // First render, measured on several fresh page loads. The lists do not call
  // AWS while the sidebar is hidden, so the page loads with the file browser
  // (?reset), settles, and then the person opens the AWS sidebar.
  for (let i = 0; i < RELOADS; i++) {
    await page.goto(`${base}/lab?reset`);
    await page
      .locator('.jp-SideBar [data-id="aws-spark-ml-sidebar"]')
      .waitFor({ timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await openSidebar();
    await rendered();
    result.loads.push(await page.evaluate(() => ({ ...window.__bench })));
  }
  const loads = result.loads;
  result.firstRender = {
    clustersDom: stats(loads.map(l => l.rendered.ListClusters)),
    clustersFrame: stats(loads.map(l => l.framed.ListClusters)),
    sessionsDom: stats(loads.map(l => l.rendered.ListSessions)),
    sessionsFrame: stats(loads.map(l => l.framed.ListSessions)),
    rowsInDom: loads[loads.length - 1].rows
  };

  // AWS calls per refresh: what the sandbox received between a click on
  // Refresh and both lists having their last page (plus a second for stragglers).
  const refresh = page.getByRole('button', {
    name: 'Refresh clusters and sessions'
  });
  result.refreshes = [];
  for (let i = 0; i < 3; i++) {
    // Start from quiet: no list call reached the sandbox for 2 s.
    let quietSince = Date.now();
    let seen = callsSince(0).count;
    while (Date.now() - quietSince < 2000) {
      await page.waitForTimeout(250);
      const now = callsSince(0).count;
      if (now !== seen) {
        seen = now;
        quietSince = Date.now();
      }
    }
    const before = callsSince(0).count;
    await page.evaluate(() => {
      window.__bench.lastPage = {};
      window.__bench.rendered = {};
      window.__bench.framed = {};
    });
    await refresh.click();
    // Same data as before: React changes nothing in the DOM, so wait for the last pages.
    await page.waitForFunction(
      () =>
        window.__bench.lastPage.ListClusters &&
        window.__bench.lastPage.ListSessions,
      null,
      { timeout: 180_000, polling: 200 }
    );
    await page.waitForTimeout(1000);
    const { calls, byOp } = callsSince(before);
    result.refreshes.push({
      total: calls.length,
      byOp,
      compute: calls.filter(c =>
        ['ListClusters', 'ListSessions'].includes(c.op)
      ).length,
      perCluster: calls.filter(c =>
        /^(DescribeCluster|ListInstanceGroups|ListInstanceFleets|GetSession|GetAutoTerminationPolicy)$/.test(
          c.op
        )
      ).length
    });
  }

  // Filter keystrokes: type a query one key at a time, then delete it.
  await page.evaluate(recordKeys);
  const search = page.getByRole('searchbox', {
    name: 'Search clusters and sessions by name or id'
  });
  await search.click();
  const once = [...QUERY.split(''), ...QUERY.split('').map(() => 'Backspace')];
  const keys = [...once, ...once];
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await page.waitForFunction(
      n => window.__keys.length === n && window.__keys[n - 1].frame,
      i + 1,
      {
        polling: 'raf'
      }
    );
  }
  const typed = await page.evaluate(() => window.__keys);
  result.keystroke = {
    query: QUERY,
    work: stats(typed.map(k => k.work)),
    frame: stats(typed.map(k => k.frame)),
    afterQuery: typed[QUERY.length - 1].headings,
    afterClear: typed[typed.length - 1].headings,
    perKey: typed.map(k => [k.key, Math.round(k.work * 10) / 10])
  };
  await browser.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
