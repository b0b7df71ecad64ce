/**
 * Browser half of the catalog bench: the Data section in Chromium (through
 * ../shared/browser.js) against a sandbox catalog of many tables. Prints one
 * JSON object on stdout.
 *
 *   node measure.js <base url> <call log> <reloads> <views json> [screenshot dir]
 *
 * On each of <reloads> page loads: first render (databases listed), Reload,
 * open a database and its second page, search a column name and a common
 * word, select two tables. Then, once: the eager path (every table loaded and
 * expanded, 10,000+ rows in the tree), the same search and scrolling with it.
 * Times are performance.now() in the page, from the click or keydown (or the
 * AWS answer) to the view in the DOM (MutationObserver) and the next frame;
 * calls are those the sandbox received (the signing proxy forwards each one).
 */
const harness = require('../shared/browser');
const { catalogPage, loadEverything, scrollTree } = require('./page');

const [base, callLog, reloadsArg, viewsArg, shots] = process.argv.slice(2);
const RELOADS = Number(reloadsArg || 5);
const V = JSON.parse(viewsArg);
const TREE = 1 + V.databaseCount; // the catalog row and its databases
const DATA_OPS = /^(GetCatalogs|GetDatabases|GetTables|GetTable|SearchTables)$/;

const dataCalls = since => {
  const { calls } = harness.callsSince(callLog, since);
  const data = calls.filter(
    c => c.service === 'lakeformation' || DATA_OPS.test(c.op)
  );
  const byOp = {};
  data.forEach(c => (byOp[c.op] = (byOp[c.op] || 0) + 1));
  return { n: data.length, byOp, other: calls.length - data.length };
};

const tree = page => page.getByRole('list', { name: 'Data Catalog' });
/** Waits for the next frame after the view `name` was seen in the DOM. */
const framed = (page, name, polling = 100) =>
  page.waitForFunction(
    n => window.__bench.marks[n] && window.__bench.marks[n].frame,
    name,
    { timeout: 180_000, polling }
  );
const shot = async (page, name) =>
  shots &&
  page
    .locator('#aws-spark-ml-sidebar')
    .screenshot({ path: `${shots}/catalog-${name}.png` });
/** When `name` was seen, from its start; split into its own `op` calls and what came after. */
function readMark(page, name, from, op) {
  return page.evaluate(
    ([name, from, source]) => {
      const b = window.__bench;
      const op = new RegExp(source);
      const mark = b.marks[name];
      const start =
        from === 'click'
          ? b.lastClick
          : from === 'key'
            ? b.keys[b.keys.length - 1].start
            : 0;
      // The view's own AWS calls: sent after its start, answered before it showed.
      const own = b.proxy.filter(
        c => op.test(c.op) && c.sent >= start && c.answered <= mark.dom
      );
      const sent = own.length ? own[0].sent : null;
      const answered = own.length
        ? Math.max(...own.map(c => c.answered))
        : null;
      return {
        dom: mark.dom - start,
        frame: mark.frame - start,
        awsMs: own.length ? answered - sent : null,
        answerToDom: own.length ? mark.dom - answered : null,
        answerToFrame: own.length ? mark.frame - answered : null,
        sinceFirstCall: own.length ? mark.dom - sent : null,
        inPageCalls: own.map(c => c.op)
      };
    },
    [name, from, op.source]
  );
}

/** Watches for a view, does `action`, waits for the view's next frame; times and calls. */
async function view(page, name, kind, arg, action, from, op) {
  const before = await harness.waitQuiet(page, callLog, 1000);
  await page.evaluate(a => window.__bench.watchFor(...a), [name, kind, arg]);
  await action();
  await framed(page, name);
  const times = await readMark(page, name, from, op);
  await harness.waitQuiet(page, callLog, 1000);
  return { ...times, calls: dataCalls(before) };
}

async function typeSearch(page, text, hit, count) {
  const box = page.getByRole('searchbox', {
    name: 'Search tables and columns in every database'
  });
  await box.click();
  const rows = await page.evaluate(() => window.__bench.treeRows());
  await page.evaluate(() => (window.__bench.keys.length = 0));
  let n = 0;
  const result = await view(
    page,
    `search ${text}`,
    'results',
    { text, hit, count },
    async () => {
      for (const key of text) {
        await page.keyboard.press(key);
        await harness.keyDone(page, ++n);
      }
    },
    'key',
    /SearchTables/
  );
  result.keys = await page.evaluate(() => window.__bench.keys.map(k => k.work));
  // Back to the tree: clear the box (the tree is what the next view uses).
  result.clear = await view(
    page,
    `clear ${text}`,
    'tree',
    { rows, name: null },
    async () => {
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
    },
    'key',
    /SearchTables/
  );
  return result;
}

async function dataOnly(page) {
  for (const other of ['Compute', 'Training', 'Endpoints']) {
    const title = page.locator(
      '#aws-spark-ml-sidebar .jp-AccordionPanel-title',
      {
        hasText: other
      }
    );
    if ((await title.first().getAttribute('aria-expanded')) === 'true') {
      await title.first().click();
    }
  }
}

/** Scrolls the tree to n positions, then back to the top; per position: → rows in DOM, → frame. */
async function scrollSeries(page, n) {
  const times = [];
  for (let k = 1; k <= n; k++) {
    const start = await page.evaluate(scrollTree, k / (n + 1));
    await framed(page, 'scroll', 'raf');
    const m = await page.evaluate(() => window.__bench.marks.scroll);
    times.push({ dom: m.dom - start, frame: m.frame - start });
  }
  await tree(page).evaluate(list => (list.parentElement.scrollTop = 0));
  return times;
}

const clickIn = (page, row, button) =>
  tree(page)
    .getByRole('listitem', { name: row, exact: true })
    .getByRole('button', { name: button, exact: true })
    .click();

async function oneLoad(page, i) {
  const before = harness.callsSince(callLog, 0).count;
  await page.goto(`${base}/lab`);
  await framed(page, 'databases');
  const load = {
    first: await readMark(page, 'databases', 'nav', /GetCatalogs|GetDatabases/),
    visible: await page.evaluate(() => window.__bench.visible())
  };
  await harness.waitQuiet(page, callLog, 1000);
  load.first.calls = dataCalls(before);
  await dataOnly(page);
  if (i === 0) {
    await shot(page, 'databases');
  }
  const db = V.database;
  const reloadButton = page.getByRole('button', { name: 'Reload the catalog' });
  load.reload = await view(
    page,
    'reload',
    'treeAgain',
    { rows: TREE, name: db },
    () => reloadButton.click(),
    'click',
    /GetCatalogs|GetDatabases/
  );
  load.open = await view(
    page,
    'open',
    'tree',
    { rows: TREE + 101, name: 'table_0000' },
    () => clickIn(page, db, `Expand ${db}`),
    'click',
    /GetTables/
  );
  // The "Load more…" row is after the 100 tables: scroll to it (rows are virtualised).
  await tree(page).evaluate((list, db) => {
    const row = list.querySelector(`[role="listitem"][aria-label="${db}"]`);
    list.parentElement.scrollTop =
      parseFloat(row.style.top) + 100 * row.offsetHeight;
  }, db);
  load.more = await view(
    page,
    'more',
    'tree',
    { rows: TREE + 200, name: 'table_0100' },
    () => tree(page).getByRole('button', { name: 'Load more…' }).click(),
    'click',
    /GetTables/
  );
  load.scroll = await scrollSeries(page, 4);
  load.searchColumn = await typeSearch(page, V.column, V.columnHit, 1);
  load.searchCommon = await typeSearch(page, V.common, null, 50);
  if (i === 0) {
    await shot(page, 'open');
  }
  for (const [key, table] of [
    ['selectFirst', V.table],
    ['selectAnother', V.other]
  ]) {
    const label = { label: `Table ${db}.${table}` };
    await page.evaluate(
      l => window.__bench.watchFor('details', 'details', l),
      label
    );
    load[key] = await view(
      page,
      key,
      'access',
      label,
      () => clickIn(page, table, table),
      'click',
      /./
    );
    load[key].details = await readMark(page, 'details', 'click', /./);
  }
  if (i === 0) {
    await shot(page, 'table');
  }
  return load;
}

/** The eager path and the 10,000-row tree: load, search, scroll. */
async function everything(page) {
  // A fresh page: the databases listed, none open yet.
  await page.goto(`${base}/lab`);
  await framed(page, 'databases');
  const before = await harness.waitQuiet(page, callLog, 1000);
  const eager = await page.evaluate(loadEverything);
  await page.evaluate(
    r => window.__bench.watchFor('everything', 'tree', { rows: r, name: null }),
    eager.rows
  );
  await framed(page, 'everything');
  const mark = await page.evaluate(() => window.__bench.marks.everything);
  await harness.waitQuiet(page, callLog, 1000);
  const out = {
    rows: eager.rows,
    databases: eager.databases,
    dataMs: eager.loaded - eager.started,
    renderMs: mark.dom - eager.loaded,
    frameMs: mark.frame - eager.loaded,
    domMs: mark.dom - eager.started,
    totalMs: mark.frame - eager.started,
    calls: dataCalls(before),
    rowsInDom: await page.evaluate(() => window.__bench.rowsInDom())
  };
  out.searchColumn = await typeSearch(page, V.column, V.columnHit, 1);
  out.scroll = await scrollSeries(page, 8);
  await shot(page, 'everything');
  return out;
}

async function main() {
  const { browser, page } = await harness.launch([
    [catalogPage, { rows: TREE, name: V.database }]
  ]);
  // Warm-up load: caches JupyterLab's code, opens the sidebar (the workspace
  // keeps it open for the measured loads).
  await harness.loadLab(page, `${base}/lab?reset`);
  await harness.openSidebar(page);
  await dataOnly(page);
  await page.waitForTimeout(2000); // let the workspace save the layout
  const loads = [];
  for (let i = 0; i < RELOADS; i++) {
    loads.push(await oneLoad(page, i));
  }
  const result = { loads, everything: await everything(page) };
  await browser.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
