/**
 * In-page side of the catalog bench: where the Data section's views are in
 * the DOM (roles and names from src/data), as tests for `__bench.watch`.
 * Runs before JupyterLab, after ../shared/browser.js's `inPage`.
 */
function catalogPage(expected) {
  const bench = window.__bench;
  const tree = () =>
    document.querySelector('[role="list"][aria-label="Data Catalog"]');
  /** Rows in the (virtualised) tree's model, read from a row's aria-setsize. */
  const treeRows = () => {
    const item = tree() && tree().querySelector('[role="listitem"]');
    return item ? Number(item.getAttribute('aria-setsize')) : 0;
  };
  const item = (list, name) =>
    list && list.querySelector(`[role="listitem"][aria-label="${name}"]`);
  const results = text =>
    document.querySelector(
      `[role="list"][aria-label="Tables matching “${text}”"]`
    );
  const details = label => document.querySelector(`[aria-label="${label}"]`);

  const tests = {
    // The tree lists `rows` rows (no Loading/More row) and `name` is rendered.
    tree:
      ({ rows, name }) =>
      () =>
        treeRows() === rows && (name === null || item(tree(), name)),
    // As `tree`, after the tree first stopped showing them (a reload).
    treeAgain: ({ rows, name }) => {
      let gone = false;
      return () => {
        const shown = treeRows() === rows && item(tree(), name);
        gone = gone || !shown;
        return gone && shown;
      };
    },
    results:
      ({ text, hit, count }) =>
      () => {
        const list = results(text);
        const hitRow = hit
          ? item(list, hit)
          : list && list.querySelector('[role="listitem"]');
        return hitRow && Number(hitRow.getAttribute('aria-setsize')) === count;
      },
    details:
      ({ label }) =>
      () =>
        details(label),
    // Lake Formation's part: the access view (or its error) replaced "Loading…".
    access:
      ({ label }) =>
      () => {
        const d = details(label);
        return (
          d &&
          d.querySelector('.jp-AwsSparkML-access, .jp-AwsSparkML-ErrorPanel')
        );
      }
  };
  bench.watchFor = (name, kind, arg) => bench.watch(name, tests[kind](arg));
  bench.visible = () => Boolean(tree() && tree().getClientRects().length);
  bench.rowsInDom = () =>
    tree() ? tree().querySelectorAll('[role="listitem"]').length : 0;
  bench.treeRows = treeRows;

  window.addEventListener('click', e => (bench.lastClick = e.timeStamp), true);
  // First render: the catalog's databases, watched from the page's start.
  bench.watchFor('databases', 'tree', expected);
}

/**
 * What an eager Data section would do: every page of every database, then
 * all of them expanded (10,000 table rows in the tree). Returns when the data
 * is in; the caller watches the DOM.
 */
async function loadEverything() {
  // The Data section's tree model, through the shell (window.jupyterapp).
  const sidebar = [...window.jupyterapp.shell.widgets('left')].find(
    w => w.id === 'aws-spark-ml-sidebar'
  );
  const section = sidebar.widgets.find(
    w => w.id === 'aws-spark-ml-section-data'
  );
  const model = section.widgets.find(w => w.props && w.props.tree).props.tree;
  const started = performance.now();
  const databases = model
    .rows()
    .filter(r => r.kind === 'database' && !model.isExpanded(r.key));
  await Promise.all(
    databases.map(async row => {
      // Bounded: 10 pages of 100 is more than any bench database holds.
      for (let page = 0; page < 10; page++) {
        const list = model.tables(row.database);
        if (list.loaded && !list.nextToken) {
          break;
        }
        await model.loadTables(row.database);
      }
    })
  );
  const loaded = performance.now();
  databases.forEach(row => model.toggle(row));
  return {
    started,
    loaded,
    databases: databases.length,
    rows: model.rows().length
  };
}

/** Scrolls the tree to `fraction` of its height; the row there is the one to watch. */
function scrollTree(fraction) {
  const list = document.querySelector(
    '[role="list"][aria-label="Data Catalog"]'
  );
  const scroller = list.parentElement;
  const target = Math.floor(
    fraction * (scroller.scrollHeight - scroller.clientHeight)
  );
  // Done when a row of the new window is rendered (none was: rows are virtualised).
  const bench = window.__bench;
  bench.watch('scroll', () =>
    [...list.children].some(row => {
      const top = parseFloat(row.style.top);
      return top >= target && top < target + scroller.clientHeight;
    })
  );
  const start = performance.now();
  scroller.scrollTop = target;
  return start;
}

module.exports = { catalogPage, loadEverything, scrollTree };
