import type { Table } from '@aws-sdk/client-glue';
import { LINE_PREFIX } from '../../core/kernelProtocol';
import {
  error,
  fakeKernel,
  Reply,
  sessionWith,
  stdout
} from '../../core/__tests__/fakeKernel';
import type { IAttachments } from '../../tokens';
import { NotAttachedError, NotebookSpark } from '../notebookSpark';
import { PREVIEW_MARK, previewCode } from '../sparkRead';

const TABLE: Table = {
  Name: 'no2_hourly',
  DatabaseName: 'air_quality',
  StorageDescriptor: {
    Location: 's3://sandbox-open-data/no2/',
    SerdeInfo: {
      SerializationLibrary:
        'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
    }
  }
};

function setup(options: {
  attachedTo?: 'local' | null;
  answer?: (code: string) => Reply[];
  attachments?: 'none';
}) {
  const { kernel, codes } = fakeKernel(options.answer ?? (() => []));
  const panel = { id: 'nb', sessionContext: sessionWith(kernel) } as any;
  const attachments = {
    current: jest.fn(async () =>
      options.attachedTo
        ? { target: options.attachedTo, id: 'local', region: '' }
        : null
    ),
    attach: jest.fn()
  };
  const app = { shell: { activateById: jest.fn() }, commands: {} } as any;
  const spark = new NotebookSpark({
    app,
    tracker: null,
    attachments:
      options.attachments === 'none'
        ? null
        : (attachments as unknown as IAttachments)
  });
  return { spark, panel, codes, attachments };
}

const rows = { columns: ['site', 'no2'], data: [['A', '41.5']] };

describe('NotebookSpark.preview', () => {
  it('reads the rows the attached Spark prints', async () => {
    const { spark, panel, codes } = setup({
      attachedTo: 'local',
      answer: () => [
        stdout('WARN some Spark noise\n'),
        stdout(PREVIEW_MARK + JSON.stringify(rows) + '\n')
      ]
    });
    await expect(spark.preview(panel, TABLE, 5)).resolves.toEqual(rows);
    expect(codes).toEqual([previewCode(TABLE, 5)]);
  });

  it('offers to attach, without running anything, when nothing is attached', async () => {
    const { spark, panel, codes } = setup({ attachedTo: null });
    await expect(spark.preview(panel, TABLE)).rejects.toBeInstanceOf(
      NotAttachedError
    );
    expect(codes).toEqual([]);
  });

  it('shows the kernel’s error when Spark cannot read the table', async () => {
    const { spark, panel } = setup({
      attachedTo: 'local',
      answer: () => [error('AnalysisException', 'Path does not exist: s3a://x')]
    });
    await expect(spark.preview(panel, TABLE)).rejects.toThrow(
      'AnalysisException: Path does not exist: s3a://x'
    );
  });

  it('shows what Spark printed when no rows came back, but not our lines', async () => {
    const { spark, panel } = setup({
      attachedTo: 'local',
      answer: () => [
        stdout(`${LINE_PREFIX}{"event":"status","target":null}\n`),
        stdout('Py4JError: gateway gone\n')
      ]
    });
    await expect(spark.preview(panel, TABLE)).rejects.toThrow(
      /^Py4JError: gateway gone$/
    );
  });

  it('refuses a table without an S3 location', async () => {
    const { spark, panel, codes } = setup({ attachedTo: 'local' });
    const view: Table = { Name: 'v', DatabaseName: 'db' };
    await expect(spark.preview(panel, view)).rejects.toThrow('no S3 location');
    expect(codes).toEqual([]);
  });

  it('says what is missing when the attach feature is disabled', async () => {
    const { spark, panel } = setup({ attachments: 'none' });
    await expect(spark.preview(panel, TABLE)).rejects.toThrow(
      'needs the attach feature'
    );
  });
});

describe('NotebookSpark.attachLocal', () => {
  it('attaches the way the toolbar does and reports whether Spark answered', async () => {
    const { spark, panel, attachments } = setup({});
    attachments.attach.mockResolvedValueOnce({
      event: 'connected',
      target: 'local'
    });
    await expect(spark.attachLocal(panel)).resolves.toBe(true);
    expect(attachments.attach).toHaveBeenCalledWith(panel, {
      target: 'local',
      id: 'local',
      region: ''
    });

    attachments.attach.mockResolvedValueOnce({
      event: 'failed',
      target: 'local',
      reason: 'no Java'
    });
    await expect(spark.attachLocal(panel)).resolves.toBe(false);
    attachments.attach.mockResolvedValueOnce(null);
    await expect(spark.attachLocal(panel)).resolves.toBe(false);
  });
});
