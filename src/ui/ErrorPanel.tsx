import React from 'react';

/** An explanation a person can act on: what happened, and the fix. */
export interface IErrorExplanation {
  title: string;
  message?: string;
  fix?: string;
}

/**
 * Shows an error with its fix. Text in backticks is shown as code so
 * commands can be copied exactly.
 */
export function ErrorPanel(props: {
  error: IErrorExplanation;
  actions?: { label: string; onClick: () => void }[];
}): JSX.Element {
  const { title, message, fix } = props.error;
  return (
    <div className="jp-AwsSparkML-ErrorPanel" role="alert">
      <div className="jp-AwsSparkML-ErrorPanel-title">{title}</div>
      {message && (
        <div className="jp-AwsSparkML-ErrorPanel-message">
          {withCode(message)}
        </div>
      )}
      {fix && (
        <div className="jp-AwsSparkML-ErrorPanel-fix">{withCode(fix)}</div>
      )}
      {props.actions && props.actions.length > 0 && (
        <div className="jp-AwsSparkML-ErrorPanel-actions">
          {props.actions.map(a => (
            <button
              key={a.label}
              type="button"
              className="jp-Button jp-mod-styled jp-mod-reject"
              onClick={a.onClick}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function withCode(text: string): React.ReactNode[] {
  return text
    .split('`')
    .map((part, i) =>
      i % 2 === 1 ? (
        <code key={i}>{part}</code>
      ) : (
        <React.Fragment key={i}>{part}</React.Fragment>
      )
    );
}
