import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { Widget } from '@lumino/widgets';

/** A dialog body holding a form; `getValue()` is what was entered. */
export interface IFormBody<T> extends Widget {
  getValue(): T;
}

export interface IAskOptions<T, B extends IFormBody<T>> {
  title: string;
  /** The accept button, e.g. "Provision". */
  accept: string;
  /** Focused when the dialog opens, e.g. `input[name="name"]`. */
  focus?: string;
  /**
   * The form to show. After a refused submit it is called again with the
   * refused body, whose typed text the new body starts from, and every error shown.
   */
  form: (refused: B | null) => B;
  isValid: (value: T) => boolean;
}

/**
 * Asks until the form's value is valid (resolves with it) or the person
 * cancels (resolves with null). An invalid submit re-opens the dialog with
 * what was typed and every message shown; nothing is sent meanwhile.
 */
export async function askUntilValid<T, B extends IFormBody<T>>(
  options: IAskOptions<T, B>
): Promise<T | null> {
  let refused: B | null = null;
  for (;;) {
    const body = options.form(refused);
    const result = await showDialog({
      title: options.title,
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: options.accept })
      ],
      focusNodeSelector: options.focus
    });
    if (!result.button.accept) {
      return null;
    }
    const value = body.getValue();
    if (options.isValid(value)) {
      return value;
    }
    refused = body;
  }
}
