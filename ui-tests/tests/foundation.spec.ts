import { expect, test } from '@jupyterlab/galata';
import { AwsSidebar } from '../helpers/sidebar';

// No video: Playwright would need its own ffmpeg, which this machine does not download.
test.use({ video: 'off' });

test.describe('Sidebar against the local sandbox', () => {
  test('shows the sandbox badge, the sandbox account and the sections', async ({
    page
  }) => {
    const sidebar = new AwsSidebar(page);
    await sidebar.open();

    await expect(sidebar.panel.getByText('Local sandbox')).toBeVisible();
    // The account id comes from STS GetCallerIdentity through the signing proxy.
    await expect(sidebar.account).toBeVisible();
    await expect(sidebar.account).toHaveText('Account 123456789012');
    for (const title of ['Compute', 'Data', 'Training', 'Endpoints']) {
      await expect(sidebar.section(title)).toBeVisible();
    }
    await sidebar.screenshot('sidebar-sandbox');
    await page.screenshot({ path: 'screenshots/lab-sandbox.png' });
  });
});
