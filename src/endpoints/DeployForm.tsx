import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { useFieldErrors } from '../core/useFieldErrors';
import { FieldError, LabelledInput, LabelledSelect } from '../ui';
import {
  ENDPOINT_INSTANCE_TYPES,
  IDeployPlan,
  SERVERLESS_MEMORY_MB,
  validatePlan,
  withEndpointName
} from './deploy';

interface IProps {
  initial: IDeployPlan;
  /** The form of a refused submit: start from what it holds, show every error. */
  refused?: DeployFormWidget | null;
  trans: TranslationBundle;
  onChange: (p: IDeployPlan) => void;
}

const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

function DeployFormView(props: IProps): JSX.Element {
  const { trans } = props;
  const [p, setP] = useState(props.refused?.getValue() ?? props.initial);
  const errors = validatePlan(p, trans.__.bind(trans));
  const { error: err, touch } = useFieldErrors(errors, !!props.refused);
  const update = (next: IDeployPlan, field: string) => {
    touch(field);
    setP(next);
    props.onChange(next);
  };
  const realtime = p.kind === 'realtime';
  return (
    <form
      className="jp-AwsSparkML-form jp-AwsSparkML-deployForm"
      onSubmit={e => e.preventDefault()}
    >
      <LabelledInput
        label={trans.__('Endpoint name')}
        name="endpointName"
        value={p.endpointName}
        error={err('endpointName')}
        onChange={v => update(withEndpointName(p, v.trim()), 'endpointName')}
      />
      <div
        className="jp-AwsSparkML-field"
        role="radiogroup"
        aria-label={trans.__('Hosting')}
      >
        <span className="jp-AwsSparkML-fieldLabel">{trans.__('Hosting')}</span>
        <label className="jp-AwsSparkML-radio">
          <input
            type="radio"
            name="kind"
            checked={realtime}
            onChange={() => update({ ...p, kind: 'realtime' }, 'kind')}
          />
          {trans.__('Real-time instance (billed every hour it runs)')}
        </label>
        <label className="jp-AwsSparkML-radio">
          <input
            type="radio"
            name="kind"
            checked={!realtime}
            onChange={() => update({ ...p, kind: 'serverless' }, 'kind')}
          />
          {trans.__('Serverless (billed per request; cold starts)')}
        </label>
      </div>
      {realtime ? (
        <div className="jp-AwsSparkML-fieldPair">
          <LabelledSelect
            label={trans.__('Instance type')}
            name="instanceType"
            value={p.instanceType}
            options={[
              ...new Set([p.instanceType, ...ENDPOINT_INSTANCE_TYPES])
            ].map(t => ({ value: t, label: t }))}
            error={err('instanceType')}
            onChange={v => update({ ...p, instanceType: v }, 'instanceType')}
          />
          <LabelledInput
            label={trans.__('Instance count')}
            name="instanceCount"
            type="number"
            value={Number.isNaN(p.instanceCount) ? '' : p.instanceCount}
            error={err('instanceCount')}
            onChange={v =>
              update({ ...p, instanceCount: num(v) }, 'instanceCount')
            }
          />
        </div>
      ) : (
        <div className="jp-AwsSparkML-fieldPair">
          <LabelledSelect
            label={trans.__('Memory (MB)')}
            name="memoryMb"
            value={String(p.memoryMb)}
            options={SERVERLESS_MEMORY_MB.map(m => ({
              value: String(m),
              label: String(m)
            }))}
            error={err('memoryMb')}
            onChange={v => update({ ...p, memoryMb: Number(v) }, 'memoryMb')}
          />
          <LabelledInput
            label={trans.__('Max concurrency')}
            name="maxConcurrency"
            type="number"
            value={Number.isNaN(p.maxConcurrency) ? '' : p.maxConcurrency}
            error={err('maxConcurrency')}
            onChange={v =>
              update({ ...p, maxConcurrency: num(v) }, 'maxConcurrency')
            }
          />
        </div>
      )}
      <div
        className="jp-AwsSparkML-summary"
        aria-label={trans.__('What will be created')}
      >
        <div className="jp-AwsSparkML-summary-title">
          {trans.__('Will create')}
        </div>
        <ol>
          <li>
            {trans.__(
              'Model %1 — image %2, artifacts %3',
              p.modelName,
              p.image,
              p.modelDataUrl
            )}
          </li>
          <li>
            {realtime
              ? trans.__(
                  'Endpoint configuration %1 — %2 × %3',
                  p.endpointConfigName,
                  p.instanceCount,
                  p.instanceType
                )
              : trans.__(
                  'Endpoint configuration %1 — serverless, %2 MB, max concurrency %3',
                  p.endpointConfigName,
                  p.memoryMb,
                  p.maxConcurrency
                )}
          </li>
          <li>{trans.__('Endpoint %1', p.endpointName)}</li>
        </ol>
        <div className="jp-AwsSparkML-field-help">
          {trans.__(
            'Role %1. If a step fails, what was created is deleted again.',
            p.roleArn
          )}
        </div>
        <FieldError message={errors.modelDataUrl} />
      </div>
    </form>
  );
}

/** Body of the Deploy dialog; `getValue()` gives the plan. */
export class DeployFormWidget extends ReactWidget {
  constructor(private readonly options: Omit<IProps, 'onChange'>) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._value = options.refused?.getValue() ?? options.initial;
  }
  getValue(): IDeployPlan {
    return this._value;
  }
  protected render(): JSX.Element {
    return (
      <DeployFormView {...this.options} onChange={v => (this._value = v)} />
    );
  }
  private _value: IDeployPlan;
}
