/**
 * Page object for a notebook attached to Spark: the toolbar's Spark item, the attach
 * picker, and running cells the way a person does (toolbar, Shift+Enter, interrupt).
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { APIRequestContext, expect, Locator } from '@playwright/test';

/** Long enough for a Livy session to start on this 2-core machine. */
export const ATTACH_TIMEOUT = 240_000;

export class SparkNotebook {
  constructor(readonly page: IJupyterLabPageFixture) {}

  /**
   * A new notebook on the Python 3 kernel, like File > New > Notebook (without Galata's
   * 15 s waits, which a busy 2-core machine misses).
   */
  async newNotebook(): Promise<void> {
    await this.page.evaluate(async () => {
      await window.jupyterapp.commands.execute('notebook:create-new', { kernelName: 'python3' });
    });
    await expect(this.toolbarItem).toBeVisible({ timeout: 60_000 });
    await expect(this.page.locator('.jp-Notebook .jp-Cell').first()).toBeVisible();
  }

  /** The `Spark: <target> · <state>` button in the notebook toolbar. */
  get toolbarItem(): Locator {
    return this.page.locator('.jp-NotebookPanel-toolbar .jp-AwsSparkML-attachButton');
  }

  get dialog(): Locator {
    return this.page.locator('.jp-Dialog');
  }

  async openPicker(): Promise<void> {
    await this.toolbarItem.click();
    await expect(this.dialog.getByText('Attach Notebook to Spark')).toBeVisible();
  }

  /** Choose `option` (its accessible text) in the open picker and press Attach. */
  async attachTo(option: RegExp | string): Promise<number> {
    const radio = this.dialog.getByRole('radio', { name: option });
    await radio.check();
    const started = Date.now();
    await this.dialog.getByRole('button', { name: 'Attach', exact: true }).click();
    return started;
  }

  /** Waits until the toolbar item reads `label` (e.g. /· WAITING$/). */
  async waitForLabel(label: RegExp | string, timeout = ATTACH_TIMEOUT): Promise<void> {
    await expect(this.toolbarItem).toHaveAccessibleName(label, { timeout });
  }

  /** Source of cell `index`. */
  async cellSource(index: number): Promise<string> {
    return (await this.page.notebook.getCellTextInput(index)) ?? '';
  }

  /** Writes `code` in a new cell at the end, runs it and returns its text output. */
  async run(code: string, timeout = ATTACH_TIMEOUT): Promise<string> {
    const index = await this.addCell(code);
    await this.page.notebook.runCell(index);
    await expect(this.cellPrompt(index)).not.toHaveText('[*]:', { timeout });
    return this.output(index);
  }

  async addCell(code: string): Promise<number> {
    const count = await this.page.notebook.getCellCount();
    const last = count - 1;
    if (count > 0 && !(await this.cellSource(last)).trim()) {
      await this.page.notebook.setCell(last, 'code', code);
      return last;
    }
    await this.page.notebook.addCell('code', code);
    return count;
  }

  cell(index: number): Locator {
    return this.page.locator('.jp-Notebook .jp-Cell').nth(index);
  }

  cellPrompt(index: number): Locator {
    return this.cell(index).locator('.jp-InputArea-prompt');
  }

  /** The cell's outputs as text, without the `[n]:` prompts. */
  async output(index: number): Promise<string> {
    const parts = await this.cell(index).locator('.jp-OutputArea-output').allInnerTexts();
    return parts.join('\n').trim();
  }

  /** Starts `code` in a new cell without waiting, then interrupts it once it runs. */
  async runAndInterrupt(code: string, runningFor = 4000): Promise<string> {
    const index = await this.addCell(code);
    await this.page.notebook.selectCells(index);
    await this.page.keyboard.press('Control+Enter');
    await expect(this.cellPrompt(index)).toHaveText('[*]:');
    // Let the remote statement really start (a job on Spark) before interrupting.
    await this.page.waitForTimeout(runningFor);
    await this.page.getByRole('button', { name: /Interrupt the kernel/ }).first().click();
    await expect(this.cellPrompt(index)).not.toHaveText('[*]:', { timeout: 90_000 });
    return this.output(index);
  }

  async detach(): Promise<void> {
    await this.openPicker();
    await this.dialog.getByRole('button', { name: 'Detach' }).click();
    await this.waitForLabel('Spark: none', 60_000);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `screenshots/${name}.png` });
  }
}

/** AWS calls through the server's signing proxy, the way the extension makes them. */
export class SandboxAws {
  constructor(
    readonly request: APIRequestContext,
    readonly region: string,
    readonly account: string
  ) {}

  static async connect(request: APIRequestContext): Promise<SandboxAws> {
    const status = await (await request.get('/aws-spark-ml/status')).json();
    expect(status.mode).toBe('sandbox');
    return new SandboxAws(request, status.region, status.identity.account);
  }

  async call(service: 'emr' | 'glue', target: string, body: object): Promise<any> {
    const response = await this.request.post(`/aws-spark-ml/proxy/${service}/${this.region}/`, {
      headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1', 'X-Aws-Spark-Ml': '1' },
      data: JSON.stringify(body)
    });
    expect(response.ok(), await response.text()).toBeTruthy();
    return response.json();
  }

  async newCluster(name: string): Promise<string> {
    const { JobFlowId } = await this.call('emr', 'ElasticMapReduce.RunJobFlow', {
      Name: name,
      ReleaseLabel: 'emr-7.2.0',
      Applications: [{ Name: 'Spark' }, { Name: 'Livy' }],
      Instances: {
        MasterInstanceType: 'm5.xlarge',
        SlaveInstanceType: 'm5.xlarge',
        InstanceCount: 1,
        KeepJobFlowAliveWhenNoSteps: true
      },
      JobFlowRole: 'EMR_EC2_DefaultRole',
      ServiceRole: 'EMR_DefaultRole'
    });
    await expect
      .poll(
        async () =>
          (await this.call('emr', 'ElasticMapReduce.DescribeCluster', { ClusterId: JobFlowId }))
            .Cluster.Status.State,
        { timeout: 60_000 }
      )
      .toBe('WAITING');
    return JobFlowId;
  }

  async newSession(id: string): Promise<string> {
    const account = this.account;
    await this.call('glue', 'AWSGlue.CreateSession', {
      Id: id,
      Role: `arn:aws:iam::${account}:role/AWSGlueServiceRole-sandbox`,
      Command: { Name: 'glueetl', PythonVersion: '3' },
      GlueVersion: '5.0',
      WorkerType: 'G.1X',
      NumberOfWorkers: 2,
      IdleTimeout: 30
    });
    await expect
      .poll(
        async () => (await this.call('glue', 'AWSGlue.GetSession', { Id: id })).Session.Status,
        { timeout: 60_000 }
      )
      .toBe('READY');
    return id;
  }
}
