import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { useFieldErrors } from '../core/useFieldErrors';
import { FieldError, LabelledInput, LabelledSelect } from '../ui';
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

/** Everything typed, so a refused submit re-opens the form unchanged. */
export interface IClusterDraft {
  request: IClusterRequest;
  templateId: string;
  /** Raw text of list fields, so typing "a=" or "a, " is not reformatted away. */
  raw: Record<string, string>;
  bootstrapText: string;
}

export interface IClusterFormOptions {
  templates: IClusterTemplate[];
  initial: IClusterRequest;
  /** The form of a refused submit: start from its text, show every error. */
  refused?: ClusterFormWidget | null;
  trans: TranslationBundle;
}

interface IProps {
  templates: IClusterTemplate[];
  draft: IClusterDraft;
  showAllErrors: boolean;
  trans: TranslationBundle;
  onChange: (d: IClusterDraft) => void;
}

function ClusterFormView(props: IProps): JSX.Element {
  const { trans, templates } = props;
  const [draft, setDraft] = useState(props.draft);
  const { request: r, raw } = draft;
  const errors: ValidationErrors<IClusterRequest> = validateClusterRequest(
    r,
    trans.__.bind(trans)
  );
  const {
    error: err,
    touch,
    hasError
  } = useFieldErrors(errors, props.showAllErrors);
  const change = (next: IClusterDraft) => {
    setDraft(next);
    props.onChange(next);
  };
  const update = (
    patch: Partial<IClusterRequest>,
    text?: Partial<Omit<IClusterDraft, 'request'>>
  ) => {
    touch(...Object.keys(patch));
    change({ ...draft, ...text, request: { ...r, ...patch } });
  };
  const advancedHasErrors = props.showAllErrors && hasError(k => k !== 'name');

  return (
    <form className="jp-AwsSparkML-form" onSubmit={e => e.preventDefault()}>
      <LabelledSelect
        label={trans.__('Template')}
        value={draft.templateId}
        options={templates.map(t => ({ value: t.id, label: t.label }))}
        onChange={id => {
          const t = templates.find(x => x.id === id);
          if (t) {
            const next = clusterRequestFromTemplate(t, r.name);
            change({
              request: next,
              templateId: id,
              raw: {},
              bootstrapText: formatBootstrap(next.bootstrapActions)
            });
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
          onChange={v =>
            update(
              { applications: parseList(v) },
              { raw: { ...raw, applications: v } }
            )
          }
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
          onChange={v =>
            update({ tags: parseTags(v) }, { raw: { ...raw, tags: v } })
          }
        />
        <div className="jp-AwsSparkML-field">
          <label>
            {trans.__('Bootstrap actions (one per line: name: s3://path args)')}
            <textarea
              name="bootstrapActions"
              className="jp-mod-styled"
              rows={2}
              value={draft.bootstrapText}
              onChange={e =>
                update(
                  { bootstrapActions: parseBootstrap(e.target.value) },
                  { bootstrapText: e.target.value }
                )
              }
            />
          </label>
          <FieldError message={err('bootstrapActions')} />
        </div>
      </details>
    </form>
  );
}

/** Body of the Provision cluster dialog; `getValue()` gives the request. */
export class ClusterFormWidget extends ReactWidget {
  constructor(private readonly options: IClusterFormOptions) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._draft = options.refused?.draft ?? {
      request: options.initial,
      templateId: options.templates[0]?.id ?? '',
      raw: {},
      bootstrapText: formatBootstrap(options.initial.bootstrapActions)
    };
  }
  /** Everything typed so far. */
  get draft(): IClusterDraft {
    return this._draft;
  }
  getValue(): IClusterRequest {
    return this._draft.request;
  }
  protected render(): JSX.Element {
    return (
      <ClusterFormView
        templates={this.options.templates}
        trans={this.options.trans}
        draft={this._draft}
        showAllErrors={!!this.options.refused}
        onChange={d => (this._draft = d)}
      />
    );
  }
  private _draft: IClusterDraft;
}
