import { expect, test } from '@jupyterlab/galata';
import { AwsSidebar } from '../helpers/sidebar';

test.describe('Sidebar against the local sandbox', () => {
  test('shows the sandbox badge, the sandbox account and the sections', async ({ page }) => {
    const sidebar = new AwsSidebar(page);
    await sidebar.open();

    await expect(sidebar.panel.getByText('Local sandbox')).toBeVisible();
    // The account id comes from STS GetCallerIdentity through the signing proxy.
    await expect(sidebar.panel.getByText('123456789012')).toBeVisible();
    for (const title of ['Compute', 'Data', 'Training', 'Endpoints']) {
      await expect(sidebar.section(title)).toBeVisible();
    }
    await sidebar.screenshot('sidebar-sandbox');
    await page.screenshot({ path: 'screenshots/lab-sandbox.png' });
  });
});
