import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { LabelledInput, LabelledSelect } from '../ui';
import {
  formatBootstrap,
  formatTags,
  parseBootstrap,
  parseList,
  parseTags,
  toNumber
} from './formText';
import {
  IClusterRequest,
  IClusterTemplate,
  clusterRequestFromTemplate
} from './requests';
import { ValidationErrors, validateClusterRequest } from './validation';

interface IProps {
  templates: IClusterTemplate[];
  initial: IClusterRequest;
  /** Show every error (after a submit attempt), not only edited fields'. */
  showAllErrors: boolean;
  trans: TranslationBundle;
  onChange: (r: IClusterRequest) => void;
}

function ClusterFormView(props: IProps): JSX.Element {
  const { trans, templates } = props;
  const [r, setR] = useState(props.initial);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [touched, setTouched] = useState(new Set<string>());
  // Raw text of list fields, so typing "a=" or "a, " is not reformatted away.
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [bootstrapText, setBootstrapText] = useState(
    formatBootstrap(r.bootstrapActions)
  );
  const errors: ValidationErrors<IClusterRequest> = validateClusterRequest(
    r,
    trans.__.bind(trans)
  );
  const err = (f: keyof IClusterRequest) =>
    props.showAllErrors || touched.has(f) ? (errors[f] ?? null) : null;
  const update = (patch: Partial<IClusterRequest>) => {
    const next = { ...r, ...patch };
    setTouched(new Set([...touched, ...Object.keys(patch)]));
    setR(next);
    props.onChange(next);
  };
  const advancedHasErrors =
    Object.keys(errors).some(k => k !== 'name') && props.showAllErrors;

  return (
    <form className="jp-AwsSparkML-form" onSubmit={e => e.preventDefault()}>
      <LabelledSelect
        label={trans.__('Template')}
        value={templateId}
        options={templates.map(t => ({ value: t.id, label: t.label }))}
        onChange={id => {
          setTemplateId(id);
          const t = templates.find(x => x.id === id);
          if (t) {
            const next = clusterRequestFromTemplate(t, r.name);
            setBootstrapText(formatBootstrap(next.bootstrapActions));
            setRaw({});
            setR(next);
            props.onChange(next);
          }
        }}
      />
      <LabelledInput
        label={trans.__('Name')}
        name="name"
        value={r.name}
        error={err('name')}
        onChange={v => update({ name: v })}
      />
      <div className="jp-AwsSparkML-summary">
        {trans.__(
          '%1 · %2 primary + %3 × %4 core · stops after %5 min idle',
          r.releaseLabel,
          r.primaryInstanceType,
          r.coreInstanceCount,
          r.coreInstanceType,
          r.idleTimeoutMinutes
        )}
      </div>
      <details open={advancedHasErrors}>
        <summary>{trans.__('Advanced')}</summary>
        <LabelledInput
          label={trans.__('Release label')}
          name="releaseLabel"
          value={r.releaseLabel}
          error={err('releaseLabel')}
          onChange={v => update({ releaseLabel: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Applications (comma-separated)')}
          name="applications"
          value={raw.applications ?? r.applications.join(', ')}
          error={err('applications')}
          onChange={v => {
            setRaw({ ...raw, applications: v });
            update({ applications: parseList(v) });
          }}
        />
        <LabelledInput
          label={trans.__('Primary instance type')}
          name="primaryInstanceType"
          value={r.primaryInstanceType}
          error={err('primaryInstanceType')}
          onChange={v => update({ primaryInstanceType: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Core instance type')}
          name="coreInstanceType"
          value={r.coreInstanceType}
          error={err('coreInstanceType')}
          onChange={v => update({ coreInstanceType: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Core instance count')}
          name="coreInstanceCount"
          type="number"
          value={Number.isNaN(r.coreInstanceCount) ? '' : r.coreInstanceCount}
          error={err('coreInstanceCount')}
          onChange={v => update({ coreInstanceCount: toNumber(v) })}
        />
        <LabelledInput
          label={trans.__('Idle timeout (minutes)')}
          name="idleTimeoutMinutes"
          type="number"
          value={Number.isNaN(r.idleTimeoutMinutes) ? '' : r.idleTimeoutMinutes}
          error={err('idleTimeoutMinutes')}
          onChange={v => update({ idleTimeoutMinutes: toNumber(v) })}
        />
        <LabelledInput
          label={trans.__('Service role')}
          name="serviceRole"
          value={r.serviceRole}
          error={err('serviceRole')}
          onChange={v => update({ serviceRole: v.trim() })}
        />
        <LabelledInput
          label={trans.__('EC2 instance profile')}
          name="jobFlowRole"
          value={r.jobFlowRole}
          error={err('jobFlowRole')}
          onChange={v => update({ jobFlowRole: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Subnet (optional)')}
          name="subnetId"
          value={r.subnetId}
          error={err('subnetId')}
          onChange={v => update({ subnetId: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Log URI (optional)')}
          name="logUri"
          value={r.logUri}
          placeholder="s3://bucket/emr-logs/"
          error={err('logUri')}
          onChange={v => update({ logUri: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Tags (key=value, comma-separated)')}
          name="tags"
          value={raw.tags ?? formatTags(r.tags)}
          error={err('tags')}
          onChange={v => {
            setRaw({ ...raw, tags: v });
            update({ tags: parseTags(v) });
          }}
        />
        <div className="jp-AwsSparkML-field">
          <label>
            {trans.__('Bootstrap actions (one per line: name: s3://path args)')}
            <textarea
              name="bootstrapActions"
              className="jp-mod-styled"
              rows={2}
              value={bootstrapText}
              onChange={e => {
                setBootstrapText(e.target.value);
                update({ bootstrapActions: parseBootstrap(e.target.value) });
              }}
            />
          </label>
          {err('bootstrapActions') && (
            <div className="jp-AwsSparkML-field-error" role="alert">
              {err('bootstrapActions')}
            </div>
          )}
        </div>
      </details>
    </form>
  );
}

/** Body of the Provision cluster dialog; `getValue()` gives the request. */
export class ClusterFormWidget extends ReactWidget {
  constructor(private readonly options: Omit<IProps, 'onChange'>) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._value = options.initial;
  }
  getValue(): IClusterRequest {
    return this._value;
  }
  protected render(): JSX.Element {
    return (
      <ClusterFormView {...this.options} onChange={v => (this._value = v)} />
    );
  }
  private _value: IClusterRequest;
}
