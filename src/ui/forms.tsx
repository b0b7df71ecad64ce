import React, { useId } from 'react';

/** A labelled text or number input with its validation message under it. */
export function LabelledInput(props: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  error?: string | null;
  type?: 'text' | 'number';
  placeholder?: string;
  help?: string;
  name?: string;
  disabled?: boolean;
}): JSX.Element {
  const id = useId();
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
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={e => props.onChange(e.target.value)}
      />
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
      {props.error && (
        <div className="jp-AwsSparkML-field-error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
