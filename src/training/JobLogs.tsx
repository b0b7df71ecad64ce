import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';
import type { IAwsClients } from '../tokens';
import { ErrorPanel, useSignalValue } from '../ui';
import { TrainingLogModel } from './TrainingLogModel';

/** The job's CloudWatch logs, followed live while the row is open. */
export function JobLogs(props: {
  clients: IAwsClients;
  jobName: string;
  status: () => string | undefined;
  intervalMs: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const [model] = useState(
    () =>
      new TrainingLogModel(props.clients, props.jobName, {
        status: props.status,
        intervalMs: props.intervalMs
      })
  );
  useEffect(() => {
    void model.start();
    return () => model.dispose();
  }, [model]);
  const lines = useSignalValue(model.changed, () => model.lines);
  const pre = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    // Follow the tail unless the person scrolled up to read.
    if (pre.current && stick.current) {
      pre.current.scrollTop = pre.current.scrollHeight;
    }
  }, [lines.length]);

  return (
    <div className="jp-AwsSparkML-logs">
      <div className="jp-AwsSparkML-logs-title">
        {trans.__('Logs')}
        <span className="jp-AwsSparkML-logs-state">
          {model.complete
            ? trans.__('%1 lines · complete', lines.length)
            : trans.__('%1 lines · following…', lines.length)}
        </span>
      </div>
      {model.error && <ErrorPanel error={model.error} />}
      <pre
        ref={pre}
        className="jp-AwsSparkML-logs-text"
        role="log"
        aria-label={trans.__('Logs of %1', props.jobName)}
        tabIndex={0}
        onScroll={e => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.length
          ? lines.map(l => l.message).join('\n')
          : trans.__('No log lines yet.')}
      </pre>
    </div>
  );
}
