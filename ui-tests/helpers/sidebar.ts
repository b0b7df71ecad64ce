/**
 * Page object for the "AWS Spark & ML" sidebar: what a person sees and clicks.
 */
import { expect, Locator, Page } from '@playwright/test';

export const SIDEBAR_ID = 'aws-spark-ml-sidebar';

export class AwsSidebar {
  constructor(readonly page: Page) {}

  /** The sidebar panel itself. */
  get panel(): Locator {
    return this.page.locator(`#${SIDEBAR_ID}`);
  }

  /** The account the header shows, read from STS GetCallerIdentity (the ARN repeats the id). */
  get account(): Locator {
    return this.panel.getByLabel('AWS account', { exact: true });
  }

  /** Open the sidebar from its tab in the left area. */
  async open(): Promise<void> {
    const tab = this.page.locator(`.jp-SideBar [data-id="${SIDEBAR_ID}"]`);
    await tab.waitFor();
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
    }
    await expect(this.panel).toBeVisible();
  }

  /** One titled section of the sidebar (Compute, Data, Training, Endpoints). */
  section(title: string): Locator {
    return this.panel.getByRole('region', { name: title });
  }

  /** Save a screenshot of the sidebar under ui-tests/screenshots/ (kept with the test run). */
  async screenshot(name: string): Promise<void> {
    await this.panel.screenshot({ path: `screenshots/${name}.png` });
  }
}

/**
 * Waits, as long as it takes on a busy 2-core machine, for every plugin to
 * start (Galata's own wait is too short), then opens the sidebar.
 */
export async function waitForLab(page: Page): Promise<AwsSidebar> {
  await page.waitForFunction(
    async () => {
      const app = (window as any).jupyterapp;
      return app ? (await app.started, true) : false;
    },
    null,
    { timeout: 120_000 }
  );
  const sidebar = new AwsSidebar(page);
  await sidebar.open();
  return sidebar;
}

/** Opens JupyterLab with a fresh workspace and waits for the sidebar. */
export async function openLab(
  page: Page,
  baseURL: string | undefined
): Promise<AwsSidebar> {
  await page.mainFrame().goto(`${baseURL}/lab?reset`);
  return waitForLab(page);
}
