/**
 * The README's "NO2 walkthrough", end to end in Chromium against the sandbox, as a newcomer
 * follows it: open the notebook, provision a Small cluster from Compute, attach the notebook
 * to it with the toolbar picker, Run All Cells, and see predictions plotted against the
 * measurements with the NO2_METRICS line. A screenshot per step goes to
 * screenshots/walkthrough-<n>-<step>.png; with AWS_SPARK_ML_RECORD=1 the README's two images are
 * refreshed from them.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { ComputeSection } from '../helpers/compute';
import { ATTACH_TIMEOUT, SparkNotebook } from '../helpers/notebook';
import {
  cellIndex,
  copyWalkthrough,
  NOTEBOOK,
  outputText,
  sourceOf,
  waitForRunAll
} from '../helpers/walkthrough';

const DOCS = path.resolve(__dirname, '../../docs/screenshots');
/** Spark job, training, endpoint: 5–8 min in the sandbox on 2 cores. */
const RUN_ALL_TIMEOUT = 12 * 60_000;

// No video (Playwright would download ffmpeg); no Galata kernel tracker (as in attach.spec.ts).
test.use({ video: 'off', kernels: null, sessions: null });

test.afterEach(async ({ page }) => {
  // The kernel and its Livy session go; the cluster stays, like the README's step 7 says.
  await page.evaluate(() =>
    window.jupyterapp.serviceManager.sessions.shutdownAll()
  );
});

test('NO2 walkthrough: provision, attach, run all, predictions plotted', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(15 * 60_000);
  let step = 0;
  const shot = async (name: string): Promise<string> => {
    const file = `screenshots/walkthrough-${++step}-${name}.png`;
    await page.screenshot({ path: file });
    return file;
  };

  // 0. A fresh checkout's layout in the server's folder, and the notebook open.
  const notebookPath = await copyWalkthrough(page, tmpPath);
  await page.filebrowser.open(notebookPath);
  const nb = new SparkNotebook(page);
  await expect(nb.toolbarItem).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('tab', { name: NOTEBOOK })).toBeVisible();
  await expect(nb.toolbarItem).toHaveAccessibleName('Spark: none');
  const compute = new ComputeSection(page);
  await compute.sidebar.open();
  await compute.focus();
  await shot('notebook-open');

  // 1. Provision: Compute → Provision cluster → "Small" → Provision; wait for WAITING.
  const name = `no2-walkthrough-${Date.now().toString(36)}`;
  await compute.openProvisionDialog(/^Small/, name);
  await shot('provision-dialog');
  await compute.press('Provision');
  await expect(compute.dialog).toBeHidden();
  const row = compute.cluster(name);
  await expect(compute.state(row)).toHaveText('WAITING', { timeout: 120_000 });
  // The row's header button reads "<name>, WAITING, <cluster id>".
  const header = row.getByRole('button', {
    name: new RegExp(`^${name}, WAITING, j-`)
  });
  const clusterId = ((await header.getAttribute('aria-label'))?.match(
    /j-[A-Z0-9]+$/
  ) ?? [''])[0];
  expect(clusterId, 'the cluster id in its Compute row').toMatch(/^j-/);
  await shot('cluster-waiting');

  // 2. Attach: the toolbar's `Spark: none` → pick the cluster → the connect cell is rewritten.
  await nb.openPicker();
  await expect(
    nb.dialog.getByRole('radio', { name: new RegExp(name) })
  ).toBeVisible();
  await shot('attach-picker');
  await nb.attachTo(new RegExp(name));
  await nb.waitForLabel(
    `Spark: ${clusterId.slice(0, 6)}… · WAITING`,
    ATTACH_TIMEOUT
  );
  // The picker replaces the notebook's connect cell with one at the very top.
  const connect = await cellIndex(page, { source: '%aws_spark connect' });
  expect(connect).toBe(0);
  expect(await sourceOf(page, connect)).toBe(
    `%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect emr --cluster-id ${clusterId}`
  );
  await expect(
    nb.cell(connect).getByText(`Attached to emr (${clusterId})`)
  ).toBeVisible({
    timeout: ATTACH_TIMEOUT
  });
  await nb.cell(connect).scrollIntoViewIfNeeded();
  const attached = await shot('attached');

  // 3–6. Run → Run All Cells, and wait for the last cell (deploy, predict, clean up).
  await page.menu.clickMenuItem('Run>Run All Cells');
  await waitForRunAll(page, RUN_ALL_TIMEOUT);

  const scatter = await cellIndex(page, { source: 'against the weather' });
  await nb.cell(scatter).scrollIntoViewIfNeeded();
  const scatterPlot = nb.cell(scatter).getByRole('img');
  await scatterPlot.scrollIntoViewIfNeeded();
  await expect(scatterPlot).toBeVisible();
  await shot('features');

  // The predictions plot: an image in the cell after the prediction step.
  const predict = await cellIndex(page, {
    source: 'test_pd["predicted"] = predict('
  });
  const plot = await cellIndex(page, { tag: 'predictions-plot' });
  expect(plot).toBe(predict + 1);
  expect(await outputText(page, predict)).toMatch(
    /^\d+ test days: rmse [\d.]+, r2 -?[\d.]+/m
  );
  await nb.cell(plot).scrollIntoViewIfNeeded();
  const image = nb.cell(plot).getByRole('img');
  await image.scrollIntoViewIfNeeded();
  await expect(image).toBeVisible();
  const box = await image.boundingBox();
  expect(box?.width ?? 0, 'a real plot, not an empty image').toBeGreaterThan(
    300
  );
  const predictions = await shot('predictions');

  // NO2_METRICS with numeric RMSE and R².
  const metricsCell = await cellIndex(page, { source: 'NO2_METRICS' });
  const line = (await outputText(page, metricsCell)).match(
    /^NO2_METRICS (\{.*\})$/m
  );
  expect(line, 'the NO2_METRICS line').not.toBeNull();
  const metrics = JSON.parse((line as RegExpMatchArray)[1]);
  expect(Number.isFinite(metrics.rmse) && metrics.rmse > 0).toBe(true);
  expect(Number.isFinite(metrics.r2) && metrics.r2 <= 1).toBe(true);
  expect(metrics.test_days).toBeGreaterThan(100);
  test.info().annotations.push({
    type: 'NO2_METRICS',
    description: JSON.stringify(metrics)
  });
  await nb.cell(metricsCell).scrollIntoViewIfNeeded();
  await shot('metrics');

  // The README's images change only when asked (AWS_SPARK_ML_RECORD=1), not on every test run.
  if (process.env.AWS_SPARK_ML_RECORD === '1') {
    fs.copyFileSync(attached, path.join(DOCS, 'attach-emr.png'));
    fs.copyFileSync(
      predictions,
      path.join(DOCS, 'walkthrough-predictions.png')
    );
  }
});
