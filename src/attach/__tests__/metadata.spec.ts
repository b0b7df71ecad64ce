import { NotebookModel } from '@jupyterlab/notebook';
import { IAttachment } from '../connectCell';
import {
  connectCellIndexes,
  getNotebookAttachment,
  readAttachment,
  removeConnectCell,
  setNotebookAttachment,
  withAttachment,
  writeConnectCell
} from '../metadata';

// ydoc fills new cells before they join the document; yjs warns about it in tests only.
const warn = console.warn;
beforeAll(() => {
  console.warn = (...args: unknown[]) =>
    String(args[0]).startsWith('Invalid access') ? undefined : warn(...args);
});
afterAll(() => (console.warn = warn));

const emr: IAttachment = { target: 'emr', id: 'j-1ABC', region: 'eu-west-1' };

function notebookWith(sources: string[]): NotebookModel {
  const model = new NotebookModel();
  sources.forEach((source, i) =>
    model.sharedModel.insertCell(i, { cell_type: 'code', source })
  );
  return model;
}

const sources = (m: NotebookModel) =>
  m.sharedModel.cells.map(c => c.getSource());

describe('notebook metadata', () => {
  it('survives saving and reopening the notebook', () => {
    const model = notebookWith(['print(1)']);
    setNotebookAttachment(model, emr);
    const saved = model.toJSON();
    expect(saved.metadata.aws_spark_ml).toEqual({ attachment: emr });

    const reopened = new NotebookModel();
    reopened.fromJSON(JSON.parse(JSON.stringify(saved)));
    expect(getNotebookAttachment(reopened)).toEqual(emr);
  });

  it('keeps other keys and removes only the attachment', () => {
    expect(withAttachment({ other: 1 }, emr)).toEqual({
      other: 1,
      attachment: emr
    });
    expect(withAttachment({ other: 1, attachment: emr }, null)).toEqual({
      other: 1
    });
    const model = notebookWith([]);
    setNotebookAttachment(model, emr);
    setNotebookAttachment(model, null);
    expect(model.getMetadata('aws_spark_ml')).toBeUndefined();
  });

  it('ignores hand-edited nonsense instead of failing to open', () => {
    expect(readAttachment(undefined)).toBeNull();
    expect(
      readAttachment({ attachment: { target: 'k8s', id: 'x' } })
    ).toBeNull();
    expect(readAttachment({ attachment: { target: 'emr' } })).toBeNull();
    expect(
      readAttachment({ attachment: { target: 'glue', id: 's', region: 3 } })
    ).toEqual({ target: 'glue', id: 's', region: '' });
  });
});

describe('connect cell in the notebook', () => {
  it('puts one connect cell on top and replaces the previous one', () => {
    const model = notebookWith(['a = 1', 'b = 2']);
    writeConnectCell(model, 'first');
    expect(sources(model)).toEqual(['first', 'a = 1', 'b = 2']);
    // Someone moved it down; attaching again still leaves exactly one, on top.
    model.sharedModel.moveCell(0, 2);
    writeConnectCell(model, 'second');
    expect(sources(model)).toEqual(['second', 'a = 1', 'b = 2']);
    expect(connectCellIndexes(model)).toEqual([0]);
    expect(model.sharedModel.getCell(0).getMetadata()).toEqual({
      aws_spark_ml: { connect: true }
    });
    expect(model.sharedModel.getCell(0).cell_type).toBe('code');
  });

  it('removes the connect cell on detach only if nobody edited it', () => {
    const model = notebookWith(['a = 1']);
    writeConnectCell(model, 'connect');
    expect(removeConnectCell(model, 'other')).toBe(false);
    expect(sources(model)).toEqual(['connect', 'a = 1']);
    expect(removeConnectCell(model, 'connect')).toBe(true);
    expect(sources(model)).toEqual(['a = 1']);
  });
});
