/**
 * Compute section against the local sandbox: what a data scientist does with
 * EMR clusters and Glue sessions, through the real signing proxy and sandbox.
 */
import { expect, test } from '@jupyterlab/galata';
import { ComputeSection, SandboxCompute } from '../helpers/compute';

// No video: Playwright would need its own ffmpeg, which this machine does not download.
test.use({ video: 'off' });
// The sandbox's clusters take a few seconds per state, and Livy starts on the first one.
test.setTimeout(240_000);

/** Sidebar width for the screenshots: the panel must work at 300–400 px. */
const SIDEBAR_WIDTH = 340;
const LIFECYCLE = { timeout: 120_000 };

test.describe('Compute section', () => {
  let compute: ComputeSection;

  test.beforeEach(async ({ page }) => {
    compute = new ComputeSection(page);
    await compute.sidebar.open();
    await page.sidebar.setWidth(SIDEBAR_WIDTH, 'left');
    await compute.focus();
    await expect(compute.clusterHeading).toBeVisible();
  });

  test('provision a cluster from a template, watch it start, read its details, terminate it', async ({
    page
  }) => {
    const name = `ui-small-${Date.now()}`;
    await compute.openProvisionDialog(/^Small/, name);
    // The template fills the summary: people see what they get before paying for it.
    await expect(compute.dialog).toContainText('emr-7.5.0');
    await expect(compute.dialog).toContainText('stops after 60 min idle');
    await compute.screenshotDialog('compute-provision-dialog');
    await compute.press('Provision');
    await expect(compute.dialog).toBeHidden();

    const row = compute.cluster(name);
    await expect(row).toBeVisible();
    await compute.recordStates('EMR clusters', name);
    await expect(compute.state(row)).toHaveText(
      /^(STARTING|BOOTSTRAPPING|WAITING)$/
    );
    await compute.screenshot('compute-cluster-starting');
    await expect(compute.state(row)).toHaveText('WAITING', LIFECYCLE);
    const path = await compute.seenStates(name);
    test
      .info()
      .annotations.push({ type: 'states seen', description: path.join(' → ') });
    // AWS's own order, shown live: never straight to WAITING, never backwards.
    const order = ['STARTING', 'BOOTSTRAPPING', 'WAITING'];
    expect(path.length, `states seen: ${path.join(' → ')}`).toBeGreaterThan(1);
    expect(path.map(s => order.indexOf(s))).toEqual(
      [...path.map(s => order.indexOf(s))].sort()
    );
    expect(path[path.length - 1]).toBe('WAITING');
    await compute.screenshot('compute-cluster-waiting');

    const details = await compute.toggle(row);
    await expect(compute.detail(details, 'Release')).toHaveText('emr-7.5.0');
    await expect(compute.detail(details, 'Applications')).toContainText(
      'Spark'
    );
    await expect(compute.detail(details, 'Applications')).toContainText('Livy');
    // The sandbox's primary node is this machine (where its Livy listens).
    await expect(compute.detail(details, 'Primary node')).toHaveText(
      '127.0.0.1'
    );
    await expect(compute.detail(details, 'Auto-termination')).toHaveText(
      'after 60 min idle'
    );
    await expect(compute.detail(details, 'Instances')).toContainText(
      'CORE: 2 × m5.xlarge'
    );
    await compute.screenshot('compute-cluster-details');

    await details
      .getByRole('button', { name: 'Terminate', exact: true })
      .click();
    await expect(compute.dialog).toBeVisible();
    await expect(compute.dialog).toContainText(`Terminate cluster ${name}?`);
    await compute.press('Terminate');
    await expect(compute.dialog).toBeHidden();
    // Terminated clusters leave the default (active) view; "All" shows them.
    await compute.showStates('All');
    await expect(compute.state(row)).toHaveText('TERMINATED', LIFECYCLE);
    await compute.screenshot('compute-cluster-terminated');
  });

  test('create a Glue session, watch it become READY, stop it', async ({
    page
  }) => {
    const id = `ui-glue-${Date.now()}`;
    await compute.openSessionDialog(id);
    await compute.press('Create');
    await expect(compute.dialog).toBeHidden();

    const row = compute.session(id);
    await expect(row).toBeVisible();
    await expect(compute.state(row)).toHaveText('READY', LIFECYCLE);
    const details = await compute.toggle(row);
    // Template defaults: Glue 5.0, 2 × G.1X, one hour idle (never Glue's 48 h).
    await expect(compute.detail(details, 'Glue version')).toHaveText('5.0');
    await expect(compute.detail(details, 'Workers')).toHaveText('2 × G.1X');
    await expect(compute.detail(details, 'Idle timeout')).toHaveText('60 min');
    await compute.screenshot('compute-session-ready');

    await details.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(compute.dialog).toContainText(`Stop Glue session ${id}?`);
    await compute.press('Stop');
    await expect(compute.dialog).toBeHidden();
    await compute.showStates('All');
    await expect(compute.state(row)).toHaveText('STOPPED', LIFECYCLE);
    await compute.screenshot('compute-session-stopped');
  });

  test('a bad field shows its message and creates nothing', async ({
    page
  }) => {
    const sandbox = await SandboxCompute.connect(page);
    await compute.showStates('All');
    const before = sandbox.counts();
    // The panel lists every cluster AWS has, in every state.
    await expect(compute.clusterHeading).toHaveText(
      `EMR clusters (${before.clusters})`
    );

    // 900 core nodes: EMR allows at most 500 per instance group.
    const name = `ui-too-big-${Date.now()}`;
    await compute.openProvisionDialog(/^Small/, name);
    await compute.openAdvanced();
    await compute.dialog.getByLabel('Core instance count').fill('900');
    await compute.press('Provision');
    // The dialog stays (re-opens) with the message, naming the field and the limit.
    const message = compute.dialog.getByRole('alert');
    await expect(message).toHaveText(
      'Core instance count: a whole number from 1 to 500, or 0 for a single-node cluster.'
    );
    await expect(compute.dialog.getByLabel('Core instance count')).toHaveValue(
      '900'
    );
    await message.scrollIntoViewIfNeeded();
    await compute.screenshotDialog('compute-provision-invalid');
    await compute.press('Cancel');
    await expect(compute.dialog).toBeHidden();

    // A Glue session id with a space: Glue allows letters, digits, ".", "_" and "-".
    await compute.openSessionDialog('bad id!');
    await expect(compute.dialog.getByRole('alert')).toContainText(
      'Session id: 1–255 letters, digits'
    );
    await compute.press('Create');
    await expect(compute.dialog.getByRole('alert')).toContainText('Session id');
    await compute.press('Cancel');
    await expect(compute.dialog).toBeHidden();

    // Nothing new, in the panel (after a refresh) and in AWS itself.
    await compute.region
      .getByRole('button', { name: 'Refresh clusters and sessions' })
      .click();
    await expect(compute.cluster(name)).toHaveCount(0);
    await expect(compute.clusterHeading).toHaveText(
      `EMR clusters (${before.clusters})`
    );
    expect(sandbox.counts()).toEqual(before);
  });
});
