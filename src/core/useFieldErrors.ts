import { useState } from 'react';

/** A form's field errors, shown once the person edited the field or tried to submit. */
export interface IFieldErrors {
  /** The message to show for `key`, or null. */
  error(key: string): string | null;
  /** Marks fields as edited, so their messages show from now on. */
  touch(...keys: string[]): void;
  /** True if any error (shown or not) passes `filter`. */
  hasError(filter?: (key: string) => boolean): boolean;
}

/**
 * Touched-field error logic for a form: a message shows once its field was
 * edited, or for every field once a submit was refused (`showAll`).
 * `fieldOf` maps a message key to the field that owns it, e.g. `hp.eta` to
 * `hyperparameters`.
 */
export function useFieldErrors(
  errors: Readonly<Partial<Record<string, string>>>,
  showAll: boolean,
  fieldOf: (key: string) => string = key => key
): IFieldErrors {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  return {
    error: key =>
      showAll || touched.has(fieldOf(key)) ? (errors[key] ?? null) : null,
    touch: (...keys) =>
      setTouched(before => new Set([...before, ...keys.map(fieldOf)])),
    hasError: (filter = () => true) =>
      Object.keys(errors).some(k => errors[k] && filter(k))
  };
}
