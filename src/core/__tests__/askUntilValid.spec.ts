import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { askUntilValid } from '../askUntilValid';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const dialog = showDialog as jest.MockedFunction<typeof showDialog>;

/** A form body holding what was typed into it. */
class NameForm extends Widget {
  constructor(public typed: string) {
    super();
  }
  getValue(): string {
    return this.typed;
  }
}

/** The person types into each dialog in turn, then clicks accept or cancel. */
function person(turns: { type?: string; accept: boolean }[]) {
  const shown: string[] = [];
  dialog.mockImplementation(async options => {
    const body = options?.body as NameForm;
    shown.push(body.typed);
    const turn = turns.shift()!;
    if (turn.type !== undefined) {
      body.typed = turn.type;
    }
    return {
      button: turn.accept ? Dialog.okButton() : Dialog.cancelButton(),
      isChecked: null,
      value: null
    };
  });
  return shown;
}

const ask = (
  form = jest.fn(
    (refused: NameForm | null) => new NameForm(refused?.typed ?? 'spark-1')
  )
) => ({
  form,
  result: askUntilValid({
    title: 'Provision',
    accept: 'Provision',
    form,
    isValid: (name: string) => /^[a-z][a-z0-9-]*$/.test(name)
  })
});

beforeEach(() => dialog.mockReset());

describe('askUntilValid', () => {
  it('gives the value once it is valid', async () => {
    person([{ type: 'spark-2', accept: true }]);
    expect(await ask().result).toBe('spark-2');
  });

  it('asks again after an invalid submit, starting from what was typed', async () => {
    const shown = person([
      { type: 'Bad Name', accept: true },
      { accept: true, type: 'good-name' }
    ]);
    const { form, result } = ask();
    expect(await result).toBe('good-name');
    expect(shown).toEqual(['spark-1', 'Bad Name']);
    // The second form was given the refused one (it shows every error).
    expect(form.mock.calls.map(c => c[0]?.typed ?? null)).toEqual([
      null,
      'Bad Name'
    ]);
  });

  it('gives null when cancelled, even after a refused submit', async () => {
    person([{ type: 'Bad Name', accept: true }, { accept: false }]);
    expect(await ask().result).toBeNull();
    expect(dialog).toHaveBeenCalledTimes(2);
  });
});
