import React, { useId } from 'react';

/** Messages under a field, or without a field of their own (a whole-list rule). */
export function FieldError(props: {
  message?: string | null;
  id?: string;
}): JSX.Element | null {
  return props.message ? (
    <div id={props.id} className="jp-AwsSparkML-field-error" role="alert">
      {props.message}
    </div>
  ) : null;
}

/**
 * A labelled text or number input with its validation message under it;
 * with `suggestions`, free text or pick one (a datalist).
 */
export function LabelledInput(props: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  error?: string | null;
  type?: 'text' | 'number';
  placeholder?: string;
  help?: React.ReactNode;
  suggestions?: string[];
  name?: string;
  disabled?: boolean;
}): JSX.Element {
  const id = useId();
  const errorId = `${id}-error`;
  const listId = `${id}-list`;
  const suggestions = props.suggestions ?? [];
  return (
    <div className="jp-AwsSparkML-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        className="jp-mod-styled"
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        list={suggestions.length ? listId : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={e => props.onChange(e.target.value)}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map(s => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {props.help && !props.error && (
        <div className="jp-AwsSparkML-field-help">{props.help}</div>
      )}
      <FieldError id={errorId} message={props.error} />
    </div>
  );
}

/** A labelled select with its validation message. */
export function LabelledSelect(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string | null;
  name?: string;
}): JSX.Element {
  const id = useId();
  return (
    <div className="jp-AwsSparkML-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        className="jp-mod-styled"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        onChange={e => props.onChange(e.target.value)}
      >
        {props.options.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError message={props.error} />
    </div>
  );
}
