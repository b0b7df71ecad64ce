import React, { useId } from 'react';

/** A labelled input with suggestions (a datalist): free text, or pick one. */
export function ComboInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  suggestions?: string[];
  error?: string | null;
  help?: React.ReactNode;
  name?: string;
  type?: 'text' | 'number';
  placeholder?: string;
}): JSX.Element {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
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
        list={props.suggestions?.length ? listId : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={e => props.onChange(e.target.value)}
      />
      {props.suggestions && props.suggestions.length > 0 && (
        <datalist id={listId}>
          {props.suggestions.map(s => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {props.help && !props.error && (
        <div className="jp-AwsSparkML-field-help">{props.help}</div>
      )}
      {props.error && (
        <div id={errorId} className="jp-AwsSparkML-field-error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** Messages without a field of their own, e.g. a whole-list rule. */
export function FieldError(props: {
  message?: string | null;
}): JSX.Element | null {
  return props.message ? (
    <div className="jp-AwsSparkML-field-error" role="alert">
      {props.message}
    </div>
  ) : null;
}
