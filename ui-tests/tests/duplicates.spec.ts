/**
 * One click, one resource — under a double click, a lost answer, and a page
 * reloaded mid-flow. Counted with boto3 against the sandbox, not through the UI.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { ComputeSection, SandboxCompute } from '../helpers/compute';
import {
  clearFaults,
  halfCreated,
  holdSageMakerCall,
  hosting,
  setFaults
} from '../helpers/duplicates';
import { waitForLab } from '../helpers/sidebar';
import {
  EndpointsSection,
  SandboxData,
  TrainingSection
} from '../helpers/training';

test.use({
  // Video needs Playwright's own ffmpeg, which this machine cannot download.
  video: 'off',
  // Galata's start-up wait is too short on a busy 2-core machine: waitForLab waits instead.
  autoGoto: false
});

/** A notification toast whose text matches. */
const toast = (page: Page, text: RegExp) =>
  page.locator('.Toastify__toast').filter({ hasText: text }).first();

test.describe('No duplicates, no half-created resources', () => {
  test.setTimeout(420_000);

  test('a double-clicked Provision creates one cluster, even when AWS’s answer is lost', async ({
    page,
    baseURL
  }) => {
    await page.goto(`${baseURL}/lab?reset`);
    const compute = new ComputeSection(page, await waitForLab(page));
    await compute.focus();
    await expect(compute.clusterHeading).toBeVisible();
    const sandbox = await SandboxCompute.connect(page);
    const before = sandbox.counts().clusters;

    // The sandbox creates the cluster, then drops the connection unanswered.
    const faulted = await setFaults(page, [
      { operation: 'emr:RunJobFlow', drop_after: 1.0 }
    ]);
    test.info().annotations.push({
      type: 'fault',
      description: faulted
        ? 'emr:RunJobFlow drop_after 1.0'
        : 'this server has no fault switch: double click only'
    });
    const name = `ui-dup-${Date.now()}`;
    try {
      await compute.openProvisionDialog(/^Small/, name);
      await compute.dialog
        .getByRole('button', { name: 'Provision', exact: true })
        .dblclick();
      await expect(compute.dialog).toBeHidden();
      // The flow settles once it knows the cluster's id (AWS's answer, or found by its tag).
      await expect(
        toast(page, new RegExp(`Cluster ${name} \\(j-[A-Z0-9]+\\) is`))
      ).toBeVisible({ timeout: 90_000 });
    } finally {
      if (faulted) {
        await clearFaults(page);
      }
    }
    await expect(compute.cluster(name)).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'screenshots/duplicates-provision.png' });
    expect(sandbox.counts().clusters).toBe(before + 1);
  });

  test('a reload during Deploy leaves no model or configuration without its endpoint', async ({
    page,
    baseURL
  }) => {
    await page.goto(`${baseURL}/lab?reset`);
    const sidebar = await waitForLab(page);
    const sandbox = await SandboxData.connect(page);
    const uri = sandbox.uploadTrainingSet();
    const training = new TrainingSection(page, sidebar);
    await training.collapseOtherSections();
    await training.openLaunchDialog();
    const job = await training.fillXgboost(uri, '10');
    await training.submit();
    await expect(training.job(job)).toBeVisible();
    await expect(training.status(job)).toHaveAttribute(
      'data-state',
      'Completed',
      { timeout: 180_000 }
    );

    // The page is reloaded while CreateEndpoint is out: the model and
    // configuration exist, the endpoint does not.
    const { held } = await holdSageMakerCall(page, 'CreateEndpoint');
    await training.expand(job);
    await training.job(job).getByRole('button', { name: 'Deploy' }).click();
    const dialog = page.locator('.jp-Dialog');
    const endpoint = await dialog.getByLabel('Endpoint name').inputValue();
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    const out = await Promise.race([
      held,
      page.waitForTimeout(90_000).then(() => null)
    ]);
    expect(out, 'the deploy never sent CreateEndpoint').not.toBeNull();
    const mid = hosting(sandbox.endpoint);
    expect(mid.models).toContain(`${endpoint}-model`);
    expect(Object.keys(mid.configs)).toContain(`${endpoint}-config`);
    expect(mid.endpoints[endpoint]).toBeUndefined();

    await page.reload();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await waitForLab(page);
    await expect(
      toast(page, new RegExp(`deploy of endpoint ${endpoint} was interrupted`))
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      toast(
        page,
        new RegExp(
          `Interrupted deploy of ${endpoint} rolled back: deleted its endpoint configuration and model`
        )
      )
    ).toBeVisible({ timeout: 90_000 });
    await page.screenshot({ path: 'screenshots/duplicates-deploy-reload.png' });

    const after = hosting(sandbox.endpoint);
    expect(halfCreated(after)).toEqual([]);
    expect(after.models).not.toContain(`${endpoint}-model`);
    expect(Object.keys(after.configs)).not.toContain(`${endpoint}-config`);
    // The Endpoints section shows no endpoint by that name either.
    await expect(
      new EndpointsSection(page, sidebar).endpoint(endpoint)
    ).toHaveCount(0);
  });
});
