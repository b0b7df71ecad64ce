/**
 * Shared by the browser benches: Debian's Chromium through Playwright (the
 * copy in ui-tests/node_modules), the sandbox's call log, and `inPage`, the
 * instrumentation every bench page gets before JupyterLab starts.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require(
  path.join(__dirname, '../../ui-tests/node_modules/playwright')
);

const SIDEBAR_TAB = '.jp-SideBar [data-id="aws-spark-ml-sidebar"]';

/** Headless Chromium, one page, `inPage` installed (then `scripts`, in order). */
async function launch(scripts = []) {
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
  await context.addInitScript(inPage);
  for (const [fn, arg] of scripts) {
    await context.addInitScript(fn, arg);
  }
  return { browser, page: await context.newPage() };
}

/** Loads JupyterLab and waits until it has settled (the sidebar tab is there, network idle). */
async function loadLab(page, url) {
  await page.goto(url);
  await page.locator(SIDEBAR_TAB).waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
}

async function openSidebar(page) {
  const tab = page.locator(SIDEBAR_TAB);
  await tab.waitFor({ timeout: 120_000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true') {
    await tab.click();
  }
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

/** The calls the sandbox received (lab_config.log_calls), from line `offset` on. */
function callsSince(callLog, offset) {
  const lines = fs.existsSync(callLog)
    ? fs.readFileSync(callLog, 'utf-8').split('\n').filter(Boolean)
    : [];
  const calls = lines.slice(offset).map(l => JSON.parse(l));
  const byOp = {};
  for (const c of calls) {
    byOp[c.op] = (byOp[c.op] || 0) + 1;
  }
  return { count: lines.length, calls, byOp };
}

/** Waits until no call reached the sandbox for `quietMs` (at most `maxMs`); returns the count. */
async function waitQuiet(page, callLog, quietMs = 2000, maxMs = 60_000) {
  const started = Date.now();
  let quietSince = Date.now();
  let seen = callsSince(callLog, 0).count;
  while (Date.now() - quietSince < quietMs && Date.now() - started < maxMs) {
    await page.waitForTimeout(250);
    const now = callsSince(callLog, 0).count;
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
    }
  }
  return seen;
}

/** Waits until the keystroke recorder has seen `n` keys and the last one's next frame. */
function keyDone(page, n) {
  return page.waitForFunction(
    n => window.__bench.keys.length === n && window.__bench.keys[n - 1].frame,
    n,
    { polling: 'raf', timeout: 30_000 }
  );
}

/**
 * Runs in the page before JupyterLab (so it sees the first calls). Sets up
 * `window.__bench`:
 * - `proxy`: every call through the signing proxy: operation, when sent and
 *   when its body had arrived (performance.now()), and `onAnswer` hooks;
 * - `watch(name, test)`: the first moment `test()` holds after a DOM change
 *   (MutationObserver), and the next frame after it, in `marks[name]`;
 * - `keys`: each keydown, the end of the work it caused and the next frame.
 */
function inPage() {
  const bench = (window.__bench = {
    proxy: [],
    onAnswer: [],
    marks: {},
    keys: [],
    snapshot: null
  });
  const afterNextFrame = (bench.afterNextFrame = cb =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(performance.now());
      ch.port2.postMessage(null);
    }));

  const operation = (input, init, url) => {
    const headers = new Headers(
      input instanceof Request ? input.headers : (init && init.headers) || {}
    );
    // JSON protocols name it in X-Amz-Target; REST ones (Lake Formation) in the path.
    const target = headers.get('x-amz-target') || '';
    return target.split('.').pop() || url.split('?')[0].split('/').pop();
  };
  const origFetch = window.fetch;
  window.fetch = async function (input, init) {
    const url = String(typeof input === 'string' ? input : input.url);
    if (!url.includes('/aws-spark-ml/proxy/')) {
      return origFetch.call(this, input, init);
    }
    const call = { op: operation(input, init, url), sent: performance.now() };
    bench.proxy.push(call);
    const response = await origFetch.call(this, input, init);
    let body = {};
    try {
      body = await response.clone().json();
    } catch {
      // not JSON (an error page): no paging to read
    }
    call.answered = performance.now();
    call.more = Boolean(body.Marker || body.NextToken);
    bench.onAnswer.forEach(hook => hook(call, body));
    return response;
  };

  const watching = new Map();
  const check = () => {
    for (const [name, test] of watching) {
      if (test()) {
        const t = performance.now();
        watching.delete(name);
        bench.marks[name].dom = t;
        afterNextFrame(t2 => (bench.marks[name].frame = t2));
      }
    }
  };
  bench.watch = (name, test) => {
    bench.marks[name] = {};
    watching.set(name, test);
    check();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true
  });

  let current = null;
  window.addEventListener(
    'keydown',
    e => {
      current = { key: e.key, start: e.timeStamp };
      bench.keys.push(current);
    },
    true
  );
  // Bubble phase on window: React's own listener (on its root) has run and
  // queued its synchronous render; a microtask queued now runs after that
  // render and commit, so it marks the end of the work the keystroke caused.
  window.addEventListener('input', () => {
    const rec = current;
    if (!rec) {
      return;
    }
    queueMicrotask(() => {
      rec.work = performance.now() - rec.start;
      rec.snapshot = bench.snapshot && bench.snapshot();
      afterNextFrame(t => (rec.frame = t - rec.start));
    });
  });
}

module.exports = {
  launch,
  loadLab,
  openSidebar,
  stats,
  callsSince,
  waitQuiet,
  keyDone
};
