/**
 * Page object for the Compute section (EMR clusters and Glue sessions), and
 * a node-side check that asks the sandbox directly (boto3) what exists.
 */
import { execFileSync } from 'child_process';
import { expect, Locator, Page } from '@playwright/test';
import { PYTHON, sandboxEnvironment } from './sandbox';
import { AwsSidebar } from './sidebar';

// Counts what AWS (the sandbox) holds, every page and every state, without the UI.
const COUNT_SCRIPT = String.raw`
import json, sys
import boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1")  # keys: the sandbox profile
emr = boto3.client("emr", **kw)
clusters = sum(len(p["Clusters"]) for p in emr.get_paginator("list_clusters").paginate())
glue = boto3.client("glue", **kw)
sessions, token = 0, None
while True:
    page = glue.list_sessions(**({"NextToken": token} if token else {}))
    sessions += len(page["Ids"])
    token = page.get("NextToken")
    if not token:
        break
print(json.dumps({"clusters": clusters, "sessions": sessions}))
`;

/** What the sandbox holds, asked with boto3 (not through the UI under test). */
export class SandboxCompute {
  private constructor(readonly endpoint: string) {}

  static async connect(page: Page): Promise<SandboxCompute> {
    const response = await page.request.get('/aws-spark-ml/status');
    expect(response.ok()).toBeTruthy();
    const status = await response.json();
    expect(status.mode).toBe('sandbox');
    return new SandboxCompute(status.sandbox.endpoint);
  }

  counts(): { clusters: number; sessions: number } {
    const out = execFileSync(PYTHON, ['-c', COUNT_SCRIPT, this.endpoint], {
      encoding: 'utf-8',
      timeout: 60_000,
      env: sandboxEnvironment()
    });
    return JSON.parse(out.trim().split('\n').pop() as string);
  }
}

/** The Compute section of the sidebar. */
export class ComputeSection {
  constructor(
    readonly page: Page,
    readonly sidebar = new AwsSidebar(page)
  ) {}

  get region(): Locator {
    return this.sidebar.section('Compute');
  }
  get clusterList(): Locator {
    return this.region.getByRole('list', { name: 'EMR clusters' });
  }
  get sessionList(): Locator {
    return this.region.getByRole('list', { name: 'Glue sessions' });
  }
  /** "EMR clusters (3)": the count of clusters in the current view. */
  get clusterHeading(): Locator {
    return this.region.getByRole('heading', { name: /^EMR clusters \(\d+\)$/ });
  }
  get sessionHeading(): Locator {
    return this.region.getByRole('heading', {
      name: /^Glue sessions \(\d+\)$/
    });
  }
  get stateFilter(): Locator {
    return this.region.getByRole('combobox', { name: 'Which states to show' });
  }
  get search(): Locator {
    return this.region.getByRole('searchbox');
  }
  /** The open modal dialog (Provision, Create, Terminate, Stop...). */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  cluster(name: string): Locator {
    return this.clusterList.getByRole('listitem', { name, exact: true });
  }
  session(id: string): Locator {
    return this.sessionList.getByRole('listitem', { name: id, exact: true });
  }
  /** The AWS state a row shows, e.g. WAITING. */
  state(row: Locator): Locator {
    return row.locator('[data-state]');
  }
  /** Opens (or closes) a row's details: its header is a disclosure button. */
  async toggle(row: Locator): Promise<Locator> {
    // The header's name is "<name>, <STATE>, <id>"; the details hold other buttons.
    const name = (await row.getAttribute('aria-label')) ?? '';
    await row
      .getByRole('button', { name: new RegExp(`^${escape(name)}, `) })
      .click();
    const details = row.getByLabel(/^Details of /);
    await expect(details).toBeVisible();
    return details;
  }
  /** The value next to a label in an opened row's details ("Release" → "emr-7.5.0"). */
  detail(details: Locator, term: string): Locator {
    return details
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async showStates(which: 'Active' | 'All'): Promise<void> {
    await this.stateFilter.selectOption({ label: which });
  }

  /** Opens the Provision dialog, picks a template and names the cluster. */
  async openProvisionDialog(template: RegExp, name: string): Promise<void> {
    await this.region
      .getByRole('button', { name: 'Provision cluster' })
      .click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('Template').selectOption({
      label: await this.optionLabel(
        this.dialog.getByLabel('Template'),
        template
      )
    });
    await this.dialog.getByLabel('Name', { exact: true }).fill(name);
  }

  async openSessionDialog(id: string): Promise<void> {
    await this.region
      .getByRole('button', { name: 'Create Glue session' })
      .click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('Session id', { exact: true }).fill(id);
  }

  /** Opens the dialog's Advanced section if it is closed. */
  async openAdvanced(): Promise<void> {
    const advanced = this.dialog.locator('details');
    if ((await advanced.getAttribute('open')) === null) {
      await this.dialog.getByText('Advanced', { exact: true }).click();
    }
  }

  /** Clicks a dialog button by its exact label (Provision, Create, Cancel, Terminate...). */
  async press(label: string): Promise<void> {
    await this.dialog.getByRole('button', { name: label, exact: true }).click();
  }

  /**
   * Records every state a row's badge shows from now on, in the page, so a
   * test can check the path a resource took (STARTING → BOOTSTRAPPING → WAITING).
   */
  async recordStates(listLabel: string, rowName: string): Promise<void> {
    await this.page.evaluate(
      ([list, row]) => {
        const w = window as any;
        w.__seenStates = w.__seenStates ?? {};
        const seen: string[] = (w.__seenStates[row] = []);
        const read = () => {
          const badge = document.querySelector(
            `[role="list"][aria-label="${list}"] [role="listitem"][aria-label="${row}"] [data-state]`
          );
          const state = badge?.getAttribute('data-state');
          if (state && seen[seen.length - 1] !== state) {
            seen.push(state);
          }
        };
        read();
        new MutationObserver(read).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['data-state']
        });
      },
      [listLabel, rowName]
    );
  }

  async seenStates(rowName: string): Promise<string[]> {
    return this.page.evaluate(
      row => [...((window as any).__seenStates?.[row] ?? [])],
      rowName
    );
  }

  /**
   * Collapses the other sidebar sections (Data, Training, Endpoints) so the
   * Compute section has the height, as a person focusing on compute would.
   */
  async focus(): Promise<void> {
    const titles = this.sidebar.panel.locator('.lm-AccordionPanel-title');
    for (const title of await titles.all()) {
      const isCompute = /^Compute/.test(
        ((await title.textContent()) ?? '').trim()
      );
      const expanded = (await title.getAttribute('aria-expanded')) === 'true';
      if (isCompute !== expanded) {
        await title.click();
        await expect(title).toHaveAttribute('aria-expanded', String(isCompute));
      }
    }
  }

  /** Screenshot of the sidebar under ui-tests/screenshots/. */
  async screenshot(name: string): Promise<void> {
    await this.sidebar.screenshot(name);
  }

  /** Screenshot of the open dialog under ui-tests/screenshots/. */
  async screenshotDialog(name: string): Promise<void> {
    await this.dialog
      .locator('.jp-Dialog-content')
      .screenshot({ path: `screenshots/${name}.png` });
  }

  private async optionLabel(select: Locator, label: RegExp): Promise<string> {
    const labels = await select.locator('option').allTextContents();
    const match = labels.find(l => label.test(l));
    expect(
      match,
      `a template matching ${label} in ${labels.join(' | ')}`
    ).toBeTruthy();
    return match as string;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
