/**
 * The sidebar under a storm of throttling and 5xx errors from AWS (the
 * sandbox's fault injection): every list keeps the rows it had, says it is
 * retrying instead of raising an alarm, and catches up once AWS is well again.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { ComputeSection } from '../helpers/compute';
import { IFaultRule, ProxiedAws, SandboxFaults } from '../helpers/faults';
import { AwsSidebar, openLab as openLabAt } from '../helpers/sidebar';
import { EndpointsSection, TrainingSection } from '../helpers/training';

test.use({
  video: 'off',
  autoGoto: false,
  // Tall enough for the three lists to show their rows in the screenshot.
  viewport: { width: 1400, height: 1400 }
});
test.setTimeout(300_000);

/** 60% throttled, 30% internal errors on what the lists read. */
const STORM: IFaultRule[] = [
  'emr:ListClusters',
  'emr:DescribeCluster',
  'glue:ListSessions',
  'sagemaker:ListTrainingJobs',
  'sagemaker:DescribeTrainingJob',
  'sagemaker:ListEndpoints',
  'sagemaker:DescribeEndpoint',
  'sagemaker:DescribeEndpointConfig'
].map(operation => ({ operation, throttle: 0.6, error: 0.3 }));

const SECTIONS = [
  { title: 'Compute', refresh: 'Refresh clusters and sessions' },
  { title: 'Training', refresh: 'Refresh training jobs' },
  { title: 'Endpoints', refresh: 'Refresh endpoints' }
];

/** JupyterLab with a wider sidebar whose Data section is collapsed. */
async function openLab(
  page: IJupyterLabPageFixture,
  baseURL?: string
): Promise<AwsSidebar> {
  const sidebar = await openLabAt(page, baseURL);
  await page.sidebar.setWidth(360, 'left');
  // Data is not under test: give its height to the three lists.
  const data = sidebar.panel.locator('.jp-AccordionPanel-title', {
    hasText: 'Data'
  });
  if ((await data.getAttribute('aria-expanded')) === 'true') {
    await data.click();
  }
  return sidebar;
}

test('the sidebar keeps its rows through throttling and 5xx storms, says it is retrying, and recovers', async ({
  page,
  baseURL
}) => {
  const sidebar = await openLab(page, baseURL);
  const faults = new SandboxFaults(page);
  const aws = new ProxiedAws(page);
  await faults.clear();

  const stamp = Date.now().toString(36);
  const cluster = `faults-${stamp}`;
  const job = `faults-job-${stamp}`;
  const endpoint = `faults-ep-${stamp}`;
  await aws.terminatedCluster(cluster);
  await aws.failingTrainingJob(job);
  await aws.failingEndpoint(endpoint);

  const compute = new ComputeSection(page, sidebar);
  const training = new TrainingSection(page, sidebar);
  const endpoints = new EndpointsSection(page, sidebar);
  await compute.showStates('All');
  const rows: Locator[] = [
    compute.cluster(cluster),
    training.job(job),
    endpoints.endpoint(endpoint)
  ];
  for (const row of rows) {
    await expect(row).toBeVisible({ timeout: 60_000 });
  }

  await faults.set(STORM, 13);
  const retrying = (title: string) =>
    sidebar
      .section(title)
      .getByRole('status')
      .filter({ hasText: /^Retrying… \((throttled|AWS error)\)$/ });

  // Each list asks AWS now rather than at its next tick, until a refresh fails.
  for (const [i, { title, refresh }] of SECTIONS.entries()) {
    await expect(async () => {
      await sidebar
        .section(title)
        .getByRole('button', { name: refresh })
        .click();
      await expect(retrying(title).first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 120_000 });
    await expect(rows[i]).toBeVisible(); // the last rows stay
    // Passing trouble is a quiet note, not the error panel of a real problem.
    await expect(sidebar.section(title).getByRole('alert')).toHaveCount(0);
  }
  // All three at once (the lists keep retrying on their own, backing off).
  await expect(async () => {
    for (const { title } of SECTIONS) {
      await expect(retrying(title).first()).toBeVisible({ timeout: 1_000 });
    }
  }).toPass({ timeout: 90_000 });
  for (const row of rows) {
    await expect(row).toBeVisible();
  }
  await sidebar.screenshot('faults-retrying');
  await test.info().attach('faults-retrying', {
    body: await sidebar.panel.screenshot(),
    contentType: 'image/png'
  });

  // AWS is well again: something new appears, and every note goes away.
  await faults.clear();
  const after = `faults-after-${stamp}`;
  await aws.failingTrainingJob(after);
  for (const { title, refresh } of SECTIONS) {
    await sidebar.section(title).getByRole('button', { name: refresh }).click();
  }
  await expect(training.job(after)).toBeVisible({ timeout: 60_000 });
  for (const { title } of SECTIONS) {
    await expect(retrying(title)).toHaveCount(0, { timeout: 60_000 });
  }
  for (const row of rows) {
    await expect(row).toBeVisible();
  }
});
