/**
 * Page objects for the Training and Endpoints sections, and a node-side
 * helper that talks to the sandbox directly (boto3 in the project venv):
 * it uploads a training set and computes offline predictions to compare with.
 */
import { execFileSync } from 'child_process';
import { expect, Locator, Page } from '@playwright/test';
import { PYTHON, sandboxEnvironment } from './sandbox';
import { AwsSidebar } from './sidebar';

// One small script, three verbs; the sandbox endpoint comes from the server's status route.
const SANDBOX_SCRIPT = String.raw`
import io, json, sys, tarfile, tempfile, os
import boto3
import numpy as np
verb, endpoint = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="us-east-1")  # keys: the sandbox profile
if verb == "upload":
    # A regression a few trees learn well: y = 3 x1 - 2 x2 + 0.5 x3 + noise. Label first, no header.
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, size=(400, 3))
    y = 3 * x[:, 0] - 2 * x[:, 1] + 0.5 * x[:, 2] + rng.normal(0, 0.05, 400)
    body = "\n".join(",".join(f"{v:.5f}" for v in [yi, *xi]) for yi, xi in zip(y, x)) + "\n"
    boto3.client("s3", **kw).put_object(Bucket="sandbox-demo", Key="ui-tests/train/train.csv", Body=body.encode())
    print(json.dumps({"uri": "s3://sandbox-demo/ui-tests/train/"}))
elif verb == "count":
    sm = boto3.client("sagemaker", **kw)
    print(json.dumps({"count": len(sm.list_training_jobs(MaxResults=100)["TrainingJobSummaries"])}))
elif verb == "predict":
    import xgboost as xgb
    job, rows = sys.argv[3], json.loads(sys.argv[4])
    sm = boto3.client("sagemaker", **kw)
    uri = sm.describe_training_job(TrainingJobName=job)["ModelArtifacts"]["S3ModelArtifacts"]
    bucket, key = uri[5:].split("/", 1)
    data = boto3.client("s3", **kw).get_object(Bucket=bucket, Key=key)["Body"].read()
    with tempfile.TemporaryDirectory() as d:
        tarfile.open(fileobj=io.BytesIO(data)).extractall(d, filter="data")
        booster = xgb.Booster()
        booster.load_model(bytearray(open(os.path.join(d, "xgboost-model"), "rb").read()))
    preds = booster.predict(xgb.DMatrix(np.array(rows, dtype=float)))
    print(json.dumps({"predictions": [float(p) for p in preds], "model": uri}))
`;

export class SandboxData {
  private constructor(readonly endpoint: string) {}

  /** Reads sandbox.endpoint from `GET /aws-spark-ml/status`. */
  static async connect(page: Page): Promise<SandboxData> {
    const response = await page.request.get('/aws-spark-ml/status');
    expect(response.ok()).toBeTruthy();
    const status = await response.json();
    expect(status.mode).toBe('sandbox');
    return new SandboxData(status.sandbox.endpoint);
  }

  private run(...args: string[]): any {
    const out = execFileSync(PYTHON, ['-c', SANDBOX_SCRIPT, ...args], {
      encoding: 'utf-8',
      timeout: 120_000,
      env: sandboxEnvironment()
    });
    return JSON.parse(out.trim().split('\n').pop() as string);
  }

  uploadTrainingSet(): string {
    return this.run('upload', this.endpoint).uri;
  }
  trainingJobCount(): number {
    return this.run('count', this.endpoint).count;
  }
  offlinePredictions(job: string, rows: number[][]): number[] {
    return this.run('predict', this.endpoint, job, JSON.stringify(rows))
      .predictions;
  }
}

/** The Training section and its Launch dialog. */
export class TrainingSection {
  constructor(
    readonly page: Page,
    readonly sidebar: AwsSidebar
  ) {}

  get region(): Locator {
    return this.sidebar.section('Training');
  }
  get dialog(): Locator {
    return this.page.locator('.jp-Dialog');
  }
  job(name: string): Locator {
    return this.region.locator(`[data-training-job="${name}"]`);
  }

  /** Collapses Compute and Data so Training and Endpoints get the height (and screenshots). */
  async collapseOtherSections(): Promise<void> {
    for (const title of ['Compute', 'Data']) {
      const header = this.sidebar.panel.locator('.jp-AccordionPanel-title', {
        hasText: title
      });
      if ((await header.getAttribute('aria-expanded')) === 'true') {
        await header.click();
      }
    }
  }

  async openLaunchDialog(): Promise<void> {
    await this.region
      .getByRole('button', { name: 'Launch training job' })
      .click();
    await expect(this.dialog.getByText('Launch training job')).toBeVisible();
  }

  /** Fills the fields a person changes for an XGBoost run on `s3Uri`. */
  async fillXgboost(s3Uri: string, numRound = '30'): Promise<string> {
    const d = this.dialog;
    await d.getByLabel('Channel 1 S3 location').fill(s3Uri);
    await d.getByLabel('Value of num_round').fill(numRound);
    return d.getByLabel('Job name').inputValue();
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Launch' }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.dialog).toHaveCount(0);
  }

  async expand(name: string): Promise<void> {
    const header = this.job(name).locator('.jp-AwsSparkML-rowHeader');
    if ((await header.getAttribute('aria-expanded')) !== 'true') {
      await header.click();
    }
  }

  logs(name: string): Locator {
    return this.region.getByRole('log', { name: `Logs of ${name}` });
  }
  status(name: string): Locator {
    return this.job(name).locator('.jp-AwsSparkML-rowHeader [data-state]');
  }
}

/** The Endpoints section and its test panel. */
export class EndpointsSection {
  constructor(
    readonly page: Page,
    readonly sidebar: AwsSidebar
  ) {}

  get region(): Locator {
    return this.sidebar.section('Endpoints');
  }
  endpoint(name: string): Locator {
    return this.region.locator(`[data-endpoint="${name}"]`);
  }
  status(name: string): Locator {
    return this.endpoint(name).locator('.jp-AwsSparkML-rowHeader [data-state]');
  }
  async expand(name: string): Promise<void> {
    const header = this.endpoint(name).locator('.jp-AwsSparkML-rowHeader');
    if ((await header.getAttribute('aria-expanded')) !== 'true') {
      await header.click();
    }
  }
  /** Sends CSV rows from the test panel; returns the predictions shown. */
  async test(name: string, rows: number[][]): Promise<number[]> {
    const panel = this.endpoint(name).getByRole('group', {
      name: `Test ${name}`
    });
    await panel
      .getByRole('textbox')
      .fill(rows.map(r => r.join(',')).join('\n'));
    await panel.getByRole('button', { name: 'Send' }).click();
    const items = panel
      .getByRole('list', { name: 'Predictions' })
      .getByRole('listitem');
    await expect(items).toHaveCount(rows.length);
    return (
      await items.evaluateAll(els =>
        els.map(e => (e as HTMLElement).dataset.prediction)
      )
    ).map(Number);
  }
}
