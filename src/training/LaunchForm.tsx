import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';
import { useFieldErrors } from '../core/useFieldErrors';
import { LabelledInput, LabelledSelect } from '../ui';
import { ChannelsEditor } from './ChannelsEditor';
import { HyperparameterEditor } from './HyperparameterEditor';
import { DEFAULT_XGBOOST_HYPERPARAMETERS } from './hyperparameters';
import { XGBOOST_VERSIONS } from './images';
import {
  ILaunchRequest,
  TRAINING_INSTANCE_TYPES,
  trainingImage
} from './request';
import type { IDataSource } from './sources';
import { validateLaunchRequest } from './validation';

export interface ILaunchFormOptions {
  initial: ILaunchRequest;
  region: string;
  /** The form of a refused submit: start from what it holds, show every error. */
  refused?: LaunchFormWidget | null;
  roles: () => Promise<string[]>;
  sources: () => Promise<IDataSource[]>;
  trans: TranslationBundle;
}

const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
const shown = (n: number) => (Number.isNaN(n) ? '' : n);

function LaunchFormView(
  props: ILaunchFormOptions & { onChange: (r: ILaunchRequest) => void }
): JSX.Element {
  const { trans, region } = props;
  const [r, setR] = useState(props.refused?.getValue() ?? props.initial);
  const [roles, setRoles] = useState<string[]>([]);
  const [sources, setSources] = useState<IDataSource[]>([]);
  useEffect(() => {
    void props.roles().then(setRoles, () => setRoles([]));
    void props.sources().then(setSources, () => setSources([]));
  }, []);

  const errors = validateLaunchRequest(r, region, trans.__.bind(trans));
  const group = (key: string) =>
    key.startsWith('hp.')
      ? 'hyperparameters'
      : key.startsWith('channel')
        ? 'channels'
        : key;
  const { error: err, touch } = useFieldErrors(errors, !!props.refused, group);
  const update = (patch: Partial<ILaunchRequest>) => {
    const next = { ...r, ...patch };
    touch(...Object.keys(patch));
    setR(next);
    props.onChange(next);
  };
  let image = '';
  try {
    image = trainingImage(r, region);
  } catch {
    // The version/framework field shows why.
  }
  const script = r.mode === 'script';

  return (
    <form
      className="jp-AwsSparkML-form jp-AwsSparkML-launchForm"
      onSubmit={e => e.preventDefault()}
    >
      <div
        className="jp-AwsSparkML-field"
        role="radiogroup"
        aria-label={trans.__('Algorithm')}
      >
        <span className="jp-AwsSparkML-fieldLabel">
          {trans.__('Algorithm')}
        </span>
        <label className="jp-AwsSparkML-radio">
          <input
            type="radio"
            name="mode"
            checked={!script}
            onChange={() =>
              update({
                mode: 'builtin-xgboost',
                hyperparameters: DEFAULT_XGBOOST_HYPERPARAMETERS
              })
            }
          />
          {trans.__('Built-in XGBoost')}
        </label>
        <label className="jp-AwsSparkML-radio">
          <input
            type="radio"
            name="mode"
            checked={script}
            onChange={() => update({ mode: 'script', hyperparameters: [] })}
          />
          {trans.__('Script mode (your entry point)')}
        </label>
      </div>
      {script ? (
        <>
          <LabelledSelect
            label={trans.__('Framework image')}
            name="framework"
            value={r.framework}
            options={[
              { value: 'sklearn', label: 'SKLearn 1.2-1' },
              { value: 'xgboost', label: `XGBoost ${r.xgboostVersion}` }
            ]}
            error={err('framework')}
            onChange={v =>
              update({ framework: v as ILaunchRequest['framework'] })
            }
          />
          <LabelledInput
            label={trans.__('Entry point (workspace path)')}
            name="entryPoint"
            value={r.entryPoint}
            placeholder="scripts/train.py"
            help={trans.__(
              'Packaged as sourcedir.tar.gz and uploaded next to the output.'
            )}
            error={err('entryPoint')}
            onChange={v => update({ entryPoint: v.trim() })}
          />
        </>
      ) : (
        <LabelledSelect
          label={trans.__('XGBoost version')}
          name="xgboostVersion"
          value={r.xgboostVersion}
          options={XGBOOST_VERSIONS.map(v => ({ value: v, label: v }))}
          error={err('xgboostVersion')}
          onChange={v => update({ xgboostVersion: v })}
        />
      )}
      {image && (
        <div
          className="jp-AwsSparkML-field-help jp-AwsSparkML-image"
          title={image}
        >
          {trans.__('Image: %1', image)}
        </div>
      )}
      <LabelledInput
        label={trans.__('Job name')}
        name="jobName"
        value={r.jobName}
        error={err('jobName')}
        onChange={v => update({ jobName: v.trim() })}
      />
      <ChannelsEditor
        channels={r.channels}
        sources={sources}
        errors={err}
        trans={trans}
        onChange={channels => update({ channels })}
      />
      <HyperparameterEditor
        rows={r.hyperparameters}
        xgboost={!script}
        errors={err}
        trans={trans}
        onChange={hyperparameters => update({ hyperparameters })}
      />
      <fieldset className="jp-AwsSparkML-resources">
        <legend>{trans.__('Resources')}</legend>
        <LabelledInput
          label={trans.__('Instance type')}
          name="instanceType"
          value={r.instanceType}
          suggestions={TRAINING_INSTANCE_TYPES}
          error={err('instanceType')}
          onChange={v => update({ instanceType: v.trim() })}
        />
        <div className="jp-AwsSparkML-fieldPair">
          <LabelledInput
            label={trans.__('Instance count')}
            name="instanceCount"
            type="number"
            value={shown(r.instanceCount)}
            error={err('instanceCount')}
            onChange={v => update({ instanceCount: num(v) })}
          />
          <LabelledInput
            label={trans.__('Max runtime (min)')}
            name="maxRuntimeMinutes"
            type="number"
            value={shown(r.maxRuntimeMinutes)}
            error={err('maxRuntimeMinutes')}
            onChange={v => update({ maxRuntimeMinutes: num(v) })}
          />
        </div>
        <label className="jp-AwsSparkML-checkbox">
          <input
            type="checkbox"
            name="useSpot"
            checked={r.useSpot}
            onChange={e => update({ useSpot: e.target.checked })}
          />
          {trans.__('Managed spot training (cheaper; may wait for capacity)')}
        </label>
        {r.useSpot && (
          <LabelledInput
            label={trans.__('Max wait incl. spot waits (min)')}
            name="maxWaitMinutes"
            type="number"
            value={shown(r.maxWaitMinutes)}
            error={err('maxWaitMinutes')}
            onChange={v => update({ maxWaitMinutes: num(v) })}
          />
        )}
      </fieldset>
      <LabelledInput
        label={trans.__('Execution role')}
        name="roleArn"
        value={r.roleArn}
        suggestions={roles}
        placeholder="arn:aws:iam::123456789012:role/SageMakerRole"
        help={
          roles.length
            ? trans.__(
                '%1 roles SageMaker can assume are suggested.',
                roles.length
              )
            : undefined
        }
        error={err('roleArn')}
        onChange={v => update({ roleArn: v.trim() })}
      />
      <LabelledInput
        label={trans.__('Output path')}
        name="outputPath"
        value={r.outputPath}
        help={trans.__(
          'model.tar.gz is written to <output path>/<job name>/output/.'
        )}
        error={err('outputPath')}
        onChange={v => update({ outputPath: v.trim() })}
      />
    </form>
  );
}

/** Body of the Launch training job dialog; `getValue()` gives the request. */
export class LaunchFormWidget extends ReactWidget {
  constructor(private readonly options: ILaunchFormOptions) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._value = options.refused?.getValue() ?? options.initial;
  }
  getValue(): ILaunchRequest {
    return this._value;
  }
  protected render(): JSX.Element {
    return (
      <LaunchFormView {...this.options} onChange={v => (this._value = v)} />
    );
  }
  private _value: ILaunchRequest;
}
