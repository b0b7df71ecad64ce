/**
 * Browser half of the compute bench (Chromium through Playwright, see
 * ../shared/browser.js). Prints one JSON object on stdout.
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
const harness = require('../shared/browser');

const [base, clusters, sessions, callLog, reloadsArg] = process.argv.slice(2);
const RELOADS = Number(reloadsArg || 5);
const QUERY = 'bench-cluster-19';

/** Runs in the page: when a list's last page arrives, watch for its rows in the DOM. */
function instrument(expected) {
  const bench = window.__bench;
  bench.lastPage = {};
  const lists = {
    ListClusters: ['EMR clusters', expected.clusters],
    ListSessions: ['Glue sessions', expected.sessions]
  };
  bench.onAnswer.push(call => {
    if (!(call.op in lists) || call.more) {
      return;
    }
    // The last page is here: the list has all its data from now on.
    const [label, count] = lists[call.op];
    bench.lastPage[call.op] = call.answered;
    bench.watch(call.op, () => {
      const list = document.querySelector(
        `[role="list"][aria-label="${label}"]`
      );
      const heading = [...document.querySelectorAll('h3')].find(
        h => h.textContent === `${label} (${count})`
      );
      return heading && list && list.querySelector('[role="listitem"]');
    });
  });
  bench.snapshot = () =>
    [...document.querySelectorAll('h3')]
      .map(h => h.textContent)
      .filter(t => /^(EMR clusters|Glue sessions) \(/.test(t));
}

/** Per list: last page → DOM and → next frame, once both lists are framed. */
async function renderedSinceLastPage(page) {
  await page.waitForFunction(
    () =>
      ['ListClusters', 'ListSessions'].every(
        op => window.__bench.marks[op] && window.__bench.marks[op].frame
      ),
    null,
    { timeout: 180_000, polling: 200 }
  );
  return page.evaluate(() => {
    const { lastPage, marks } = window.__bench;
    // Counted once rendered and laid out (the first render, unmeasured, has more).
    const rows = document.querySelectorAll(
      '[role="list"][aria-label="EMR clusters"] [role="listitem"]'
    ).length;
    const since = key =>
      Object.fromEntries(
        Object.entries(lastPage).map(([op, t]) => [op, marks[op][key] - t])
      );
    return { lastPage, rendered: since('dom'), framed: since('frame'), rows };
  });
}

async function main() {
  const { browser, page } = await harness.launch([
    [instrument, { clusters: Number(clusters), sessions: Number(sessions) }]
  ]);
  const result = {
    clusters: Number(clusters),
    sessions: Number(sessions),
    loads: []
  };

  // First render, measured on several fresh page loads. The lists do not call
  // AWS while the sidebar is hidden, so the page loads with the file browser
  // (?reset), settles, and then the person opens the AWS sidebar.
  for (let i = 0; i < RELOADS; i++) {
    await harness.loadLab(page, `${base}/lab?reset`);
    await harness.openSidebar(page);
    result.loads.push(await renderedSinceLastPage(page));
  }
  const loads = result.loads;
  result.firstRender = {
    clustersDom: harness.stats(loads.map(l => l.rendered.ListClusters)),
    clustersFrame: harness.stats(loads.map(l => l.framed.ListClusters)),
    sessionsDom: harness.stats(loads.map(l => l.rendered.ListSessions)),
    sessionsFrame: harness.stats(loads.map(l => l.framed.ListSessions)),
    rowsInDom: loads[loads.length - 1].rows
  };

  // AWS calls per refresh: what the sandbox received between a click on
  // Refresh and both lists having their last page (plus a second for stragglers).
  const refresh = page.getByRole('button', {
    name: 'Refresh clusters and sessions'
  });
  result.refreshes = [];
  for (let i = 0; i < 3; i++) {
    const before = await harness.waitQuiet(page, callLog);
    await page.evaluate(() => {
      window.__bench.lastPage = {};
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
    const { calls, byOp } = harness.callsSince(callLog, before);
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
  await page.evaluate(() => (window.__bench.keys.length = 0));
  const search = page.getByRole('searchbox', {
    name: 'Search clusters and sessions by name or id'
  });
  await search.click();
  const once = [...QUERY.split(''), ...QUERY.split('').map(() => 'Backspace')];
  const keys = [...once, ...once];
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await harness.keyDone(page, i + 1);
  }
  const typed = await page.evaluate(() => window.__bench.keys);
  result.keystroke = {
    query: QUERY,
    work: harness.stats(typed.map(k => k.work)),
    frame: harness.stats(typed.map(k => k.frame)),
    afterQuery: typed[QUERY.length - 1].snapshot,
    afterClear: typed[typed.length - 1].snapshot,
    perKey: typed.map(k => [k.key, Math.round(k.work * 10) / 10])
  };
  await browser.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
