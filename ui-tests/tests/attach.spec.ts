/**
 * Attach, as a person does it, against the real sandbox data plane: EMR (sparkmagic → Livy →
 * Spark), a Glue session (statements on their own Spark) and local Spark in the kernel.
 * Each test: attach → spark.range(1000).count() → a CSV on sandbox S3 through s3a → interrupt a
 * long statement (the kernel stays usable) → detach. Attach latency goes to bench/attach/.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ATTACH_TIMEOUT, SandboxAws, SparkNotebook } from '../helpers/notebook';
import { AwsSidebar } from '../helpers/sidebar';

// Recorded into the repository only when asked (AWS_SPARK_ML_RECORD=1): a test run must not
// change tracked files.
const LATENCY_FILE =
  process.env.AWS_SPARK_ML_RECORD === '1'
    ? path.resolve(__dirname, '../../bench/attach/ui-latency.json')
    : path.join(os.tmpdir(), 'aws-spark-ml-ui-latency.json');
const CSV_ROWS = 321;

/** Puts a CSV on sandbox S3 from the kernel itself (`%%local`: not on the attached Spark). */
const uploadCsv = (key: string) => `%%local
import boto3
from botocore.config import Config
rows = ["city,no2"] + [f"city{i},{i % 50}" for i in range(${CSV_ROWS})]
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}))
s3.put_object(Bucket="sandbox-demo", Key="${key}", Body="\\n".join(rows).encode())
print("uploaded", len(rows) - 1, "rows")`;

const readCsv = (key: string) =>
  `spark.read.option("header", True).csv("s3a://sandbox-demo/${key}").count()`;

const LONG_STATEMENT = "spark.range(10**11).selectExpr('sum(id)').collect()";

function recordLatency(target: string, numbers: Record<string, number>): void {
  const all = fs.existsSync(LATENCY_FILE)
    ? JSON.parse(fs.readFileSync(LATENCY_FILE, 'utf8'))
    : {};
  all[target] = { ...numbers, measuredAt: new Date().toISOString() };
  fs.writeFileSync(LATENCY_FILE, JSON.stringify(all, null, 2) + '\n');
}

/** The part every target shares, after the attach click at `clickedAt`. */
async function useSpark(
  nb: SparkNotebook,
  target: string,
  clickedAt: number,
  connectedAt: number
) {
  const count = await nb.run('spark.range(1000).count()');
  const firstResultAt = Date.now();
  // Whole lines: Spark may log a WARN line to stderr in the same output area.
  expect(count).toMatch(/^1000$/m);
  recordLatency(target, {
    clickToConnectedMs: connectedAt - clickedAt,
    clickToFirstResultMs: firstResultAt - clickedAt
  });

  const key = `ui-tests/attach/${target}-no2.csv`;
  expect(await nb.run(uploadCsv(key))).toContain(`uploaded ${CSV_ROWS} rows`);
  expect(await nb.run(readCsv(key))).toMatch(new RegExp(`^${CSV_ROWS}$`, 'm'));

  const interrupted = await nb.runAndInterrupt(LONG_STATEMENT);
  expect(interrupted).toMatch(/Interrupt|KeyboardInterrupt|cancel/i);
  await nb.screenshot(`attach-${target}-interrupted`);
  // The kernel, and the attached Spark, still work.
  expect(await nb.run('spark.range(7).count()', 120_000)).toMatch(/^7$/m);
}

// Playwright cannot download ffmpeg here (only the package registries are reachable), and
// Galata's kernel tracker cannot proxy the interrupt request (its 204 has no JSON body).
test.use({ video: 'off', kernels: null, sessions: null });

// Without the tracker, shut this test's kernels (and their Spark) down ourselves.
test.afterEach(async ({ page }) => {
  await page.evaluate(() =>
    window.jupyterapp.serviceManager.sessions.shutdownAll()
  );
});

test.describe('Attach a notebook to Spark', () => {
  test.describe.configure({ timeout: 15 * 60_000 });

  test('EMR cluster: picker, run, s3a CSV, interrupt, detach', async ({
    page,
    request
  }) => {
    const aws = await SandboxAws.connect(request);
    const clusterId = await aws.newCluster('attach-ui-emr');
    const nb = new SparkNotebook(page);
    await nb.newNotebook();
    await expect(nb.toolbarItem).toHaveAccessibleName('Spark: none');

    await nb.openPicker();
    await expect(
      nb.dialog.getByRole('radio', { name: /attach-ui-emr/ })
    ).toBeVisible();
    await expect(
      nb.dialog.getByRole('radio', { name: /Local Spark/ })
    ).toBeVisible();
    await page
      .locator('.jp-Dialog-content')
      .screenshot({ path: 'screenshots/attach-picker.png' });
    const clickedAt = await nb.attachTo(/attach-ui-emr/);

    await nb.waitForLabel(/· connecting…$/, 10_000);
    await nb.waitForLabel(`Spark: ${clusterId.slice(0, 6)}… · WAITING`);
    const connectedAt = Date.now();
    expect(await nb.cellSource(0)).toBe(
      `%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect emr --cluster-id ${clusterId}`
    );
    await expect(
      page.getByText(/Attached to EMR cluster/).first()
    ).toBeVisible();
    await nb.screenshot('attach-emr-connected');

    await useSpark(nb, 'emr', clickedAt, connectedAt);
    await nb.screenshot('attach-emr');
    await nb.detach();
    // The untouched connect cell goes with the attachment.
    expect(await nb.cellSource(0)).not.toContain('%aws_spark connect');
  });

  test('Glue session: attach from the Compute row, run, interrupt, detach', async ({
    page,
    request
  }) => {
    const aws = await SandboxAws.connect(request);
    const sessionId = await aws.newSession(
      `attach-ui-${Date.now().toString(36)}`
    );
    const sidebar = new AwsSidebar(page);
    await sidebar.open();
    const compute = sidebar.section('Compute');
    await compute.getByRole('button', { name: `${sessionId}, READY` }).click();
    const clickedAt = Date.now();
    // No notebook is open: the command opens a new one on Python 3.
    await compute
      .getByRole('button', { name: 'Attach to notebook' })
      .first()
      .click();

    const nb = new SparkNotebook(page);
    await nb.waitForLabel(/· connecting…$/, 60_000);
    await nb.waitForLabel(/^Spark: attach-ui-.* · READY$/);
    const connectedAt = Date.now();
    expect(await nb.cellSource(0)).toBe(
      `%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect glue --session-id ${sessionId}`
    );
    await useSpark(nb, 'glue', clickedAt, connectedAt);
    await nb.screenshot('attach-glue');
    await nb.detach();
  });

  test('Local Spark: run, s3a CSV, interrupt, detach', async ({ page }) => {
    const nb = new SparkNotebook(page);
    await nb.newNotebook();
    await nb.openPicker();
    const clickedAt = await nb.attachTo(/Local Spark/);
    await nb.waitForLabel('Spark: local · ready', ATTACH_TIMEOUT);
    const connectedAt = Date.now();
    expect(await nb.cellSource(0)).toBe(
      '%load_ext jupyterlab_aws_spark_ml\n%aws_spark connect local'
    );
    await useSpark(nb, 'local', clickedAt, connectedAt);
    await nb.screenshot('attach-local');
    await nb.detach();
    await expect(nb.toolbarItem).toHaveAccessibleName('Spark: none');
  });
});
