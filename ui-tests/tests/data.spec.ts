import { expect, test } from '@jupyterlab/galata';
import { DataSection } from '../helpers/data';

// No video: Playwright would need its own ffmpeg, which this machine does not download.
test.use({ video: 'off' });

// The sandbox seeds real datasets and Lake Formation in the background (~30-60 s).
test.setTimeout(420 * 1000);

test.describe('Data: Glue catalog and Lake Formation against the sandbox', () => {
  test('browse, explain access, search, open in a notebook and preview real rows', async ({
    page
  }) => {
    const data = new DataSection(page);
    await data.open();

    // Browse to the NO2 table: catalogs → databases → tables → columns.
    await expect(data.row('AWS Data Catalog')).toBeVisible();
    // The sandbox catalogs its datasets in the background: reload until they are there,
    // as a person would with the reload button.
    await expect(async () => {
      await data.reload();
      await expect(data.row('air_quality')).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 240_000 });
    await data.expand('air_quality');
    await expect(data.row('no2_hourly')).toBeVisible({ timeout: 120_000 });
    await data.expand('no2_hourly');
    await expect(
      data.tree.getByRole('listitem', { name: 'measured_at' })
    ).toBeVisible();
    await data.select('no2_hourly');
    const columns = data.details.getByRole('table', {
      name: 'Columns of air_quality.no2_hourly'
    });
    await expect(columns).toContainText('no2');
    await expect(columns).toContainText('Hourly mean NO2, µg/m³');
    await expect(data.details).toContainText(
      's3://sandbox-open-data/prepared/air-quality/no2_hourly/'
    );
    await expect(data.accessSummary).toHaveText(
      'You (user moto) can SELECT every column of air_quality.no2_hourly.',
      { timeout: 60_000 }
    );
    await expect(data.grants).toContainText(
      'role SageMakerExecutionRole-sandbox'
    );
    await expect(data.grants).toContainText('all tables in air_quality');
    await expect(data.details).toContainText('domain=air-quality');
    await data.screenshot('no2-table', data.accessSummary);

    // The column-restricted table says which columns you may read, for you and for the role.
    await data.expand('open_data');
    await expect(data.row('uci_bank_marketing')).toBeVisible();
    await data.select('uci_bank_marketing');
    await expect(data.accessSummary).toHaveText(
      'You (user moto) can SELECT columns contact, day, month, duration, campaign, pdays, previous, poutcome, y — not age, job, marital, education, default, balance, housing, loan.'
    );
    await expect(data.details).toContainText('sensitivity=restricted');
    await data.evaluateFor('role SageMakerExecutionRole-sandbox');
    await expect(data.accessSummary).toContainText(
      'can SELECT columns contact, day, month, duration, campaign, poutcome, y — not'
    );
    await data.screenshot('restricted-table', data.accessSummary);

    // A row filter: readers SELECT the OpenAQ feed only through its UK rows. The line
    // keeps evaluating for the principal picked above, then for you.
    await data.select('openaq_realtime');
    await expect(data.accessSummary).toHaveText(
      "role SageMakerExecutionRole-sandbox can SELECT every column of open_data.openaq_realtime — only rows where country = 'GB'."
    );
    await data.evaluateFor('You (user moto)');
    await expect(data.accessSummary).toHaveText(
      "You (user moto) can SELECT every column of open_data.openaq_realtime — only rows where country = 'GB'."
    );
    await expect(data.accessSummary).toHaveAttribute('data-rows', 'filtered');
    const viaFilter = data.grant('user moto', 'data filter uk_measurements');
    await expect(viaFilter).toContainText('SELECT');
    await expect(viaFilter).toContainText(
      "data filter uk_measurements: rows where country = 'GB', all columns"
    );
    await expect(data.grant('user moto', 'table')).toContainText('DESCRIBE');
    await data.screenshotWhole('row-filter');

    // No grant at all: the line says whom to ask.
    await data.select('creditcard_fraud_substitute');
    await expect(data.accessSummary).toHaveText(
      'You (user moto) have no access to open_data.creditcard_fraud_substitute — ask role DataLakeAdmin-sandbox for SELECT on open_data.creditcard_fraud_substitute.'
    );
    await expect(data.accessSummary).toHaveAttribute('data-access', 'none');

    // Search across databases finds a column by name.
    await data.search('wind_speed');
    const hit = data.searchHit('air_quality.no2_hourly');
    await expect(hit).toContainText('columns: wind_speed');
    await data.screenshot('search-column');
    await hit.getByRole('button').click();
    await expect(data.accessSummary).toContainText('can SELECT every column');

    // Open in notebook: a new notebook gets a cell that reads the table by location + format.
    await data.details
      .getByRole('button', { name: 'Open in notebook' })
      .click();
    const cell = page.locator('.jp-Notebook .jp-Cell').last();
    await expect(cell).toContainText('spark.read.format("parquet")', {
      timeout: 60_000
    });
    await expect(cell).toContainText(
      's3a://sandbox-open-data/prepared/air-quality/no2_hourly/'
    );
    await expect(cell).toContainText('spark.table("air_quality.no2_hourly")');

    // Preview with nothing attached offers to attach local Spark, then shows real rows.
    await data.details.getByRole('button', { name: 'Preview' }).click();
    await expect(data.details.getByText('No Spark attached')).toBeVisible({
      timeout: 60_000
    });
    await data.screenshot(
      'preview-not-attached',
      data.details.getByText('No Spark attached')
    );
    await data.details
      .getByRole('button', { name: 'Attach local Spark' })
      .click();
    const rows = data.details.getByRole('region', { name: 'Preview rows' });
    await expect(rows).toBeVisible({ timeout: 300_000 });
    await expect(rows).toContainText('AQEval sample roadside site');
    await expect(rows.locator('tbody tr')).toHaveCount(20);
    await data.screenshot('preview-rows', rows);
    await page.screenshot({ path: 'screenshots/data-lab.png' });
  });
});
