import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useId, useState } from 'react';
import { describeAwsError } from '../aws/errors';
import type { IAwsClients } from '../tokens';
import { ErrorPanel, IErrorExplanation } from '../ui';
import { IInvokeResult, TestFormat, invokeEndpoint } from './invoke';

/** Sends a CSV or JSON request to InvokeEndpoint and shows the predictions. */
export function TestPanel(props: {
  clients: IAwsClients;
  endpointName: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const id = useId();
  const [body, setBody] = useState('');
  const [format, setFormat] = useState<TestFormat>('csv');
  const [accept, setAccept] = useState<TestFormat>('csv');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<IInvokeResult | null>(null);
  const [error, setError] = useState<IErrorExplanation | null>(null);
  const send = async () => {
    setSending(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await invokeEndpoint(
          props.clients,
          props.endpointName,
          body,
          format,
          accept
        )
      );
    } catch (err) {
      setError(describeAwsError(err, trans.__.bind(trans)));
    } finally {
      setSending(false);
    }
  };
  return (
    <div
      className="jp-AwsSparkML-testPanel"
      role="group"
      aria-label={trans.__('Test %1', props.endpointName)}
    >
      <label htmlFor={`${id}-body`} className="jp-AwsSparkML-fieldLabel">
        {trans.__('Test request (one row per line, features only)')}
      </label>
      <textarea
        id={`${id}-body`}
        className="jp-mod-styled"
        rows={3}
        placeholder={
          format === 'csv' ? '0.5,1.2,3.4' : '{"instances": [[0.5, 1.2, 3.4]]}'
        }
        value={body}
        onChange={e => setBody(e.target.value)}
      />
      <div className="jp-AwsSparkML-testPanel-row">
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Request content type')}
          value={format}
          onChange={e => setFormat(e.target.value as TestFormat)}
        >
          <option value="csv">text/csv</option>
          <option value="json">application/json</option>
        </select>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Response format (Accept)')}
          value={accept}
          onChange={e => setAccept(e.target.value as TestFormat)}
        >
          <option value="csv">{trans.__('answer as CSV')}</option>
          <option value="json">{trans.__('answer as JSON')}</option>
        </select>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={sending || !body.trim()}
          onClick={() => void send()}
        >
          {sending ? trans.__('Sending…') : trans.__('Send')}
        </button>
      </div>
      {error && <ErrorPanel error={error} />}
      {result && (
        <div
          className="jp-AwsSparkML-testResult"
          aria-label={trans.__('Response')}
        >
          <div className="jp-AwsSparkML-field-help">
            {trans.__(
              '%1 · %2 ms',
              result.contentType,
              Math.round(result.millis)
            )}
          </div>
          {result.predictions ? (
            <ol
              className="jp-AwsSparkML-predictions"
              aria-label={trans.__('Predictions')}
            >
              {result.predictions.map((p, i) => (
                <li key={i} data-prediction={p}>
                  {Number.isInteger(p) ? p : p.toPrecision(6)}
                </li>
              ))}
            </ol>
          ) : null}
          <details open={!result.predictions}>
            <summary>{trans.__('Raw response')}</summary>
            <pre className="jp-AwsSparkML-raw">{result.text}</pre>
          </details>
        </div>
      )}
    </div>
  );
}
