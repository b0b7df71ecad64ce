import { expect, test } from '@jupyterlab/galata';
import {
  EndpointsSection,
  SandboxData,
  TrainingSection
} from '../helpers/training';
import { openLab } from '../helpers/sidebar';

// Three feature rows the model has not seen (x1, x2, x3).
const ROWS = [
  [0.5, -0.25, 0.1],
  [-0.8, 0.3, 0.9],
  [0.1, 0.6, -0.4]
];

test.use({
  // Video needs Playwright's own ffmpeg, which this machine cannot download.
  video: 'off',
  // Galata's own start-up wait gives up after a few seconds, too short on a busy 2-core
  // machine; the tests open JupyterLab themselves (see openLab) and wait for the sidebar.
  autoGoto: false
});

test.describe('Training and endpoints against the local sandbox', () => {
  test.setTimeout(420_000);

  test('bad hyperparameters show their message and create nothing', async ({
    page,
    baseURL
  }) => {
    const sidebar = await openLab(page, baseURL);
    const sandbox = await SandboxData.connect(page);
    const uri = sandbox.uploadTrainingSet();
    const before = sandbox.trainingJobCount();

    const training = new TrainingSection(page, sidebar);
    await training.openLaunchDialog();
    await training.fillXgboost(uri, 'abc');
    const message = training.dialog.getByText(
      /num_round: must be a whole number/
    );
    await expect(message).toBeVisible();
    await training.submit();
    // Refused before CreateTrainingJob: the dialog comes back with the message.
    await expect(
      training.dialog.getByText(/num_round: must be a whole number/)
    ).toBeVisible();
    await training.dialog
      .getByText(/num_round: must be a whole number/)
      .scrollIntoViewIfNeeded();
    await training.dialog
      .locator('.jp-Dialog-content')
      .screenshot({ path: 'screenshots/training-bad-hyperparameters.png' });
    await training.cancel();
    expect(sandbox.trainingJobCount()).toBe(before);
  });

  test('launch XGBoost, follow logs, deploy, test, delete', async ({
    page,
    baseURL
  }) => {
    const sidebar = await openLab(page, baseURL);
    const sandbox = await SandboxData.connect(page);
    const uri = sandbox.uploadTrainingSet();
    const training = new TrainingSection(page, sidebar);
    const endpoints = new EndpointsSection(page, sidebar);
    await training.collapseOtherSections();

    await training.openLaunchDialog();
    const job = await training.fillXgboost(uri, '40');
    expect(job).toMatch(/^xgboost-\d{8}-\d{6}-[a-z0-9]{4}$/);
    await training.dialog
      .locator('.jp-Dialog-content')
      .screenshot({ path: 'screenshots/training-launch-form.png' });
    await training.submit();

    await expect(training.job(job)).toBeVisible();
    await training.expand(job);
    // Logs are followed live; '#011' arrives as a tab.
    await expect(training.logs(job)).toContainText(/\[\d+\]\ttrain-rmse:/, {
      timeout: 120_000
    });
    await expect(training.status(job)).toHaveAttribute(
      'data-state',
      'Completed',
      { timeout: 180_000 }
    );
    await expect(
      training.job(job).locator('.jp-AwsSparkML-rowFacts')
    ).toContainText('train:rmse');
    await expect(training.logs(job)).toContainText('[39]');
    await sidebar.screenshot('training-completed');

    await training.job(job).getByRole('button', { name: 'Deploy' }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.getByText('Will create')).toBeVisible();
    const endpoint = await dialog.getByLabel('Endpoint name').inputValue();
    await dialog
      .locator('.jp-Dialog-content')
      .screenshot({ path: 'screenshots/training-deploy-dialog.png' });
    await dialog.getByRole('button', { name: 'Deploy' }).click();

    await expect(endpoints.endpoint(endpoint)).toBeVisible({ timeout: 60_000 });
    await expect(endpoints.status(endpoint)).toHaveAttribute(
      'data-state',
      'InService',
      { timeout: 180_000 }
    );
    await expect(
      endpoints.endpoint(endpoint).getByText('costs while idle')
    ).toBeVisible();

    await endpoints.expand(endpoint);
    const served = await endpoints.test(endpoint, ROWS);
    const offline = sandbox.offlinePredictions(job, ROWS);
    served.forEach((p, i) =>
      expect(Math.abs(p - offline[i])).toBeLessThan(1e-4)
    );
    // And the model learned something: close to y = 3 x1 - 2 x2 + 0.5 x3.
    ROWS.forEach(([a, b, c], i) =>
      expect(Math.abs(served[i] - (3 * a - 2 * b + 0.5 * c))).toBeLessThan(0.5)
    );
    await sidebar.screenshot('training-endpoint-test');

    await endpoints
      .endpoint(endpoint)
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(
      dialog.getByText(`Delete endpoint ${endpoint}?`)
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(endpoints.endpoint(endpoint)).toHaveCount(0, {
      timeout: 120_000
    });
    await sidebar.screenshot('training-endpoint-deleted');
  });
});
