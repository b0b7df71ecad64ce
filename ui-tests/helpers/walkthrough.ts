/**
 * The README's NO2 walkthrough as a newcomer meets it: the notebook, `aws_settings.py` next to it
 * and `spark-jobs/` beside `notebooks/` (where `aws_settings.upload_job` looks for the job code),
 * copied into the test's server folder; then "Run All Cells" watched until it ends.
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
export const NOTEBOOK = 'no2-air-quality.ipynb';
/** Only the files the NO2 notebook uses: the packager, the shared helpers and the no2 job. */
const JOB_FOLDERS = ['common', 'no2'];

/** Where a finished run stands, read from the notebook model (not from prompts on screen). */
export interface RunState {
  running: number;
  unrun: number;
  error: string | null;
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__pycache__' || entry.name === 'tests' ? [] : filesUnder(full);
    }
    return entry.name.endsWith('.pyc') ? [] : [full];
  });
}

/** Copies the checkout's layout into `root` (notebooks/ next to spark-jobs/); returns the notebook path. */
export async function copyWalkthrough(page: IJupyterLabPageFixture, root: string): Promise<string> {
  for (const name of [NOTEBOOK, 'aws_settings.py']) {
    await page.contents.uploadFile(
      path.join(REPO, 'notebooks', name),
      `${root}/notebooks/${name}`
    );
  }
  const jobs = path.join(REPO, 'spark-jobs');
  const files = [
    path.join(jobs, 'package.py'),
    ...JOB_FOLDERS.flatMap(f => filesUnder(path.join(jobs, f)))
  ];
  for (const file of files) {
    await page.contents.uploadFile(file, `${root}/spark-jobs/${path.relative(jobs, file)}`);
  }
  return `${root}/notebooks/${NOTEBOOK}`;
}

/** Index of the first code cell of the open notebook whose source or tags match. */
export async function cellIndex(
  page: IJupyterLabPageFixture,
  match: { tag?: string; source?: string }
): Promise<number> {
  const index = await page.evaluate(({ tag, source }) => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    const cells = panel.content.model.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      if (cell.type !== 'code') {
        continue;
      }
      const tags: string[] = (cell.getMetadata('tags') as string[]) ?? [];
      if ((tag && tags.includes(tag)) || (source && cell.sharedModel.getSource().includes(source))) {
        return i;
      }
    }
    return -1;
  }, match);
  expect(index, `a cell with ${JSON.stringify(match)}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** A cell's source, from the notebook model (the editor may not be rendered yet). */
export async function sourceOf(page: IJupyterLabPageFixture, index: number): Promise<string> {
  return page.evaluate(i => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    return panel.content.model.cells.get(i).sharedModel.getSource();
  }, index);
}

/**
 * A cell's text outputs (streams and text/plain), from the model: cells scrolled out of view
 * are skipped by the browser (content-visibility), so their innerText is empty.
 */
export async function outputText(page: IJupyterLabPageFixture, index: number): Promise<string> {
  return page.evaluate(i => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    const outputs: any[] = panel.content.model.cells.get(i).outputs.toJSON();
    const join = (t: unknown) => (Array.isArray(t) ? t.join('') : String(t ?? ''));
    return outputs
      .map(o => (o.output_type === 'stream' ? join(o.text) : join(o.data?.['text/plain'])))
      .join('\n');
  }, index);
}

/** Counts code cells still running or not yet run, and the first error output, if any. */
export async function runState(page: IJupyterLabPageFixture): Promise<RunState> {
  return page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    const state = { running: 0, unrun: 0, error: null as string | null };
    panel.content.widgets.forEach((cell: any, i: number) => {
      if (cell.model.type !== 'code') {
        return;
      }
      if (cell.promptNode?.textContent?.includes('*')) {
        state.running += 1;
      } else if (cell.model.executionCount === null) {
        state.unrun += 1;
      }
      const outputs = cell.model.outputs.toJSON();
      const error = outputs.find((o: any) => o.output_type === 'error');
      if (error && !state.error) {
        state.error = `cell ${i}: ${error.ename}: ${error.evalue}`;
      }
    });
    return state;
  });
}

/**
 * Waits until Run All has ended: every code cell has run, or it stopped on an error (the
 * kernel drops the queued cells), which fails with that error's text.
 */
export async function waitForRunAll(page: IJupyterLabPageFixture, timeout: number): Promise<void> {
  // Run All marks every queued cell [*] at once: wait for that before reading "ended".
  await expect.poll(async () => (await runState(page)).running).toBeGreaterThan(0);
  await expect
    .poll(
      async () => {
        const state = await runState(page);
        if (state.error) {
          return `error: ${state.error}`;
        }
        if (state.running > 0) {
          return 'running';
        }
        return state.unrun === 0 ? 'done' : `stopped with ${state.unrun} cells not run`;
      },
      { timeout, intervals: [2000] }
    )
    .toMatch(/^(done|error: .*|stopped .*)$/);
  const state = await runState(page);
  expect(state.error, 'no cell ends in an error').toBeNull();
  expect(state.unrun, 'every code cell ran').toBe(0);
}
