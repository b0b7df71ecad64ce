import { Clipboard } from '@jupyterlab/apputils';
import { copyIcon, checkIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';

/** Copies `value` to the clipboard; its accessible name says what it copies. */
export function CopyButton(props: {
  value: string;
  label: string;
}): JSX.Element {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) {
      return;
    }
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  const Icon = copied ? checkIcon : copyIcon;
  return (
    <button
      type="button"
      className="jp-AwsSparkML-iconButton"
      aria-label={props.label}
      title={props.label}
      onClick={event => {
        event.stopPropagation();
        Clipboard.copyToSystem(props.value);
        setCopied(true);
      }}
    >
      <Icon.react tag="span" elementSize="small" />
    </button>
  );
}
