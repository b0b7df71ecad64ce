import { Dialog, showDialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { act, fireEvent, within } from '@testing-library/react';
import { askClusterRequest } from '../dialogs';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const dialog = showDialog as jest.MockedFunction<typeof showDialog>;
const trans = nullTranslator.load('jupyterlab_aws_spark_ml');

const templates = [
  { id: 'small', label: 'Small', releaseLabel: 'emr-7.5.0' },
  { id: 'big', label: 'Big', releaseLabel: 'emr-7.5.0', coreInstanceCount: 8 }
];

/**
 * Shows each dialog body for real; `turn(form)` plays the person in it,
 * and returns whether they click Provision.
 */
function person(turns: ((form: HTMLElement) => Promise<boolean>)[]) {
  dialog.mockImplementation(async options => {
    const body = options?.body as Widget;
    const host = document.createElement('div');
    document.body.appendChild(host);
    Widget.attach(body, host);
    const form = await within(host).findByRole('textbox', { name: 'Name' });
    const accept = await turns.shift()!(form.closest('form')!);
    body.dispose();
    host.remove();
    return {
      button: accept ? Dialog.okButton() : Dialog.cancelButton(),
      isChecked: null,
      value: null
    };
  });
}

const input = (form: HTMLElement, name: string) =>
  form.querySelector(`[name="${name}"]`) as HTMLInputElement;

beforeEach(() => dialog.mockReset());

describe('askClusterRequest', () => {
  it('re-opens a refused form with the text as typed and its errors shown', async () => {
    let second: Record<string, string> = {};
    let errors: string[] = [];
    person([
      async form => {
        act(() => {
          fireEvent.change(form.querySelector('select')!, {
            target: { value: 'big' }
          });
        });
        act(() => {
          fireEvent.change(input(form, 'name'), {
            target: { value: '   ' }
          });
          fireEvent.change(input(form, 'tags'), {
            target: { value: 'team = ml,  project' }
          });
        });
        return true;
      },
      async form => {
        second = {
          template: form.querySelector('select')!.value,
          name: input(form, 'name').value,
          tags: input(form, 'tags').value
        };
        errors = within(form)
          .queryAllByRole('alert')
          .map(a => a.textContent ?? '');
        return false;
      }
    ]);
    expect(await askClusterRequest(templates, trans)).toBeNull();
    expect(second).toEqual({
      template: 'big',
      name: '   ',
      tags: 'team = ml,  project'
    });
    expect(errors.some(e => /name/i.test(e))).toBe(true);
    expect(dialog).toHaveBeenCalledTimes(2);
  });

  it('gives the request once it is valid', async () => {
    person([
      async form => {
        act(() => {
          fireEvent.change(input(form, 'name'), { target: { value: 'etl-1' } });
        });
        return true;
      }
    ]);
    const r = await askClusterRequest(templates, trans);
    expect(r?.name).toBe('etl-1');
    expect(r?.coreInstanceCount).not.toBe(8);
  });
});
