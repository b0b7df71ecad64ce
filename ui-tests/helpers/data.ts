/**
 * Page object for the Data section: the catalog tree, search, a table's
 * details, Lake Formation access and the notebook actions.
 */
import { expect, Locator, Page } from '@playwright/test';
import { AwsSidebar } from './sidebar';

export class DataSection {
  readonly sidebar: AwsSidebar;
  constructor(readonly page: Page) {
    this.sidebar = new AwsSidebar(page);
  }

  get section(): Locator {
    return this.sidebar.section('Data');
  }

  get tree(): Locator {
    return this.section.getByRole('list', { name: 'Data Catalog' });
  }

  get details(): Locator {
    return this.section.locator('.jp-AwsSparkML-details');
  }

  get accessSummary(): Locator {
    return this.details.locator('.jp-AwsSparkML-access-summary');
  }

  get grants(): Locator {
    return this.details.getByRole('list', { name: 'Lake Formation grants' });
  }

  /** The grant row of `principal` (as labelled, e.g. "user moto") whose scope mentions `scope`. */
  grant(principal: string, scope: string): Locator {
    return this.grants
      .getByRole('listitem')
      .filter({ has: this.page.getByText(principal, { exact: true }) })
      .filter({ has: this.page.getByText(scope) });
  }

  /** Opens the sidebar at a 300 px width with only the Data section expanded. */
  async open(): Promise<void> {
    await this.sidebar.open();
    await this.page.evaluate(() => {
      const shell = (window as any).jupyterapp.shell;
      const split = shell._hsplitPanel;
      const total = split.node.clientWidth;
      split.setRelativeSizes([300, total - 300, 0]);
    });
    for (const other of ['Compute', 'Training', 'Endpoints']) {
      const header = this.sidebar.panel.locator('.jp-AccordionPanel-title', {
        hasText: other
      });
      if (
        (await header.count()) &&
        (await header.first().getAttribute('aria-expanded')) === 'true'
      ) {
        await header.first().click();
      }
    }
    await expect(this.section).toBeVisible();
  }

  /** The reload button next to the search box. */
  async reload(): Promise<void> {
    await this.section
      .getByRole('button', { name: 'Reload the catalog' })
      .click();
  }

  row(name: string): Locator {
    return this.tree.getByRole('listitem', { name, exact: true });
  }

  /** Expands a catalog, database or table row (waits until it is listed). */
  async expand(name: string): Promise<void> {
    const button = this.row(name).getByRole('button', {
      name: `Expand ${name}`
    });
    await button.click();
  }

  /** Selects a database or table row to show its details. */
  async select(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name, exact: true }).click();
  }

  async search(text: string): Promise<void> {
    await this.section
      .getByRole('searchbox', {
        name: 'Search tables and columns in every database'
      })
      .fill(text);
  }

  searchHit(qualifiedName: string): Locator {
    return this.section.getByRole('listitem', { name: qualifiedName });
  }

  async evaluateFor(label: string): Promise<void> {
    const select = this.details.getByRole('combobox', {
      name: 'Principal to evaluate'
    });
    const value = await select
      .locator('option', { hasText: label })
      .first()
      .getAttribute('value');
    await select.selectOption(value ?? '');
  }

  /**
   * Screenshot of the sidebar in a window tall enough for the whole Data
   * section (the source of docs/screenshots/data-table.png).
   */
  async screenshotWhole(name: string, height = 1350): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1400, height: 900 };
    await this.page.setViewportSize({ width: size.width, height });
    try {
      await this.sidebar.screenshot(`data-${name}`);
    } finally {
      await this.page.setViewportSize(size);
    }
  }

  /** Screenshot of the sidebar with `focus` scrolled into view. */
  async screenshot(name: string, focus?: Locator): Promise<void> {
    await focus?.scrollIntoViewIfNeeded();
    await this.sidebar.screenshot(`data-${name}`);
  }
}
