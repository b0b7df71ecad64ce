import type { Column, Table } from '@aws-sdk/client-glue';

/**
 * How plain Spark reads a Glue table from its definition alone, without a
 * Hive metastore that points at Glue: format, options, schema and path.
 * (jupyterlab_aws_spark_ml/tests/catalog/spark_read.py proves the same rules
 * read every seeded table.)
 */
export interface ISparkReadPlan {
  format: 'parquet' | 'json' | 'csv' | 'orc' | 'avro';
  options: Record<string, string>;
  /** Spark DDL of the data columns, or null to let Spark read it from the files. */
  schema: string | null;
  /** s3a:// path (Hadoop's S3A works on local Spark, EMR and Glue alike). */
  path: string;
  /** The location exactly as Glue stores it. */
  location: string;
}

export function tableColumns(table: Table): Column[] {
  return [
    ...(table.StorageDescriptor?.Columns ?? []),
    ...(table.PartitionKeys ?? [])
  ];
}

/** Names the format a person knows: parquet, csv, json… from SerDe and classification. */
export function tableFormat(table: Table): string {
  const plan = sparkReadPlan(table);
  return plan ? plan.format : (table.Parameters?.classification ?? '—');
}

export function sparkReadPlan(table: Table): ISparkReadPlan | null {
  const storage = table.StorageDescriptor;
  const location = storage?.Location;
  if (!location) {
    return null;
  }
  const serde = (storage?.SerdeInfo?.SerializationLibrary ?? '').toLowerCase();
  const serdeParams = storage?.SerdeInfo?.Parameters ?? {};
  const params = table.Parameters ?? {};
  const classification = (params.classification ?? '').toLowerCase();
  const input = (storage?.InputFormat ?? '').toLowerCase();
  const path = location.replace(/^s3n?:\/\//, 's3a://');
  const options: Record<string, string> = {};
  for (const format of ['parquet', 'orc', 'avro'] as const) {
    if (
      serde.includes(format) ||
      input.includes(format) ||
      classification === format
    ) {
      return { format, options, schema: null, path, location };
    }
  }
  if (!table.PartitionKeys || table.PartitionKeys.length === 0) {
    // Files may sit in plain sub-folders (one per day…), not key=value ones.
    options.recursiveFileLookup = 'true';
  }
  const schema = (storage?.Columns ?? [])
    .map(c => `\`${c.Name}\` ${c.Type}`)
    .join(', ');
  if (serde.includes('json') || classification === 'json') {
    return { format: 'json', options, schema, path, location };
  }
  options.sep = serdeParams.separatorChar ?? serdeParams['field.delim'] ?? ',';
  if (serdeParams.quoteChar) {
    options.quote = serdeParams.quoteChar;
  }
  options.header = params['skip.header.line.count'] === '1' ? 'true' : 'false';
  return { format: 'csv', options, schema, path, location };
}

const py = (s: string) => JSON.stringify(s); // a JSON string is a valid Python literal

function readerExpression(plan: ISparkReadPlan): string {
  const parts = [`spark.read.format(${py(plan.format)})`];
  for (const [key, value] of Object.entries(plan.options)) {
    parts.push(`.option(${py(key)}, ${py(value)})`);
  }
  if (plan.schema) {
    parts.push(`.schema(${py(plan.schema)})`);
  }
  parts.push(`.load(${py(plan.path)})`);
  return parts.join('\n    ');
}

/** A variable name for the table's DataFrame, e.g. `no2_hourly_df`. */
export function dataFrameName(table: Table): string {
  const base = (table.Name ?? 'table').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(base) ? `t_${base}_df` : `${base}_df`;
}

/** The notebook cell "Open in notebook" inserts. */
export function notebookCell(table: Table): string {
  const name = `${table.DatabaseName}.${table.Name}`;
  const plan = sparkReadPlan(table);
  const df = dataFrameName(table);
  if (!plan) {
    return [
      `# ${name} has no S3 location in the catalog; read it through a Glue-backed metastore:`,
      `${df} = spark.table(${py(name)})`,
      `${df}.limit(20).show()`
    ].join('\n');
  }
  return [
    `# ${name} — ${plan.format} at ${plan.location}`,
    `# On EMR or Glue with the Glue Data Catalog as metastore: ${df} = spark.table(${py(name)})`,
    `${df} = (`,
    `    ${readerExpression(plan)}`,
    ')',
    `${df}.printSchema()`,
    `${df}.limit(20).show(truncate=False)`
  ].join('\n');
}

export const PREVIEW_MARK = 'AWS_SPARK_ML_PREVIEW ';

/** Code the Preview runs on the notebook's attached Spark; prints one marked JSON line. */
export function previewCode(table: Table, rows = 20): string | null {
  const plan = sparkReadPlan(table);
  if (!plan) {
    return null;
  }
  return [
    'import json as _aws_json',
    '_aws_df = (',
    `    ${readerExpression(plan)}`,
    ')',
    `_aws_rows = _aws_df.limit(${rows}).collect()`,
    `print(${py(PREVIEW_MARK)} + _aws_json.dumps({"columns": _aws_df.columns, "data": [[None if v is None else str(v) for v in r] for r in _aws_rows]}))`,
    'del _aws_df, _aws_rows'
  ].join('\n');
}

export interface IPreviewRows {
  columns: string[];
  data: (string | null)[][];
}

/** The rows in a preview's output text, or null when the marked line is absent. */
export function parsePreview(text: string): IPreviewRows | null {
  for (const line of text.split('\n')) {
    const at = line.indexOf(PREVIEW_MARK);
    if (at >= 0) {
      return JSON.parse(line.slice(at + PREVIEW_MARK.length));
    }
  }
  return null;
}
