import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { useFieldErrors } from '../core/useFieldErrors';
import { LabelledInput, LabelledSelect } from '../ui';
import { formatTags, parseList, parseTags, toNumber } from './formText';
import {
  ISessionRequest,
  ISessionTemplate,
  sessionRequestFromTemplate
} from './requests';
import {
  ValidationErrors,
  WORKER_TYPES,
  validateSessionRequest
} from './validation';

/** Everything typed, so a refused submit re-opens the form unchanged. */
export interface ISessionDraft {
  request: ISessionRequest;
  templateId: string;
  /** Raw text of list fields, so typing "a=" or "a, " is not reformatted away. */
  raw: Record<string, string>;
}

export interface ISessionFormOptions {
  templates: ISessionTemplate[];
  initial: ISessionRequest;
  account: string;
  /** The form of a refused submit: start from its text, show every error. */
  refused?: SessionFormWidget | null;
  /** Show every error from the start (e.g. recreating a session). */
  showAllErrors?: boolean;
  trans: TranslationBundle;
}

interface IProps {
  templates: ISessionTemplate[];
  account: string;
  draft: ISessionDraft;
  showAllErrors: boolean;
  trans: TranslationBundle;
  onChange: (d: ISessionDraft) => void;
}

function SessionFormView(props: IProps): JSX.Element {
  const { trans, templates } = props;
  const [draft, setDraft] = useState(props.draft);
  const { request: r, raw } = draft;
  const errors: ValidationErrors<ISessionRequest> = validateSessionRequest(
    r,
    trans.__.bind(trans)
  );
  const {
    error: err,
    touch,
    hasError
  } = useFieldErrors(errors, props.showAllErrors);
  const change = (next: ISessionDraft) => {
    setDraft(next);
    props.onChange(next);
  };
  const update = (patch: Partial<ISessionRequest>, text?: typeof raw) => {
    touch(...Object.keys(patch));
    change({ ...draft, raw: text ?? raw, request: { ...r, ...patch } });
  };
  const num = (n: number) => (Number.isNaN(n) ? '' : n);

  return (
    <form className="jp-AwsSparkML-form" onSubmit={e => e.preventDefault()}>
      {templates.length > 0 && (
        <LabelledSelect
          label={trans.__('Template')}
          value={draft.templateId}
          options={templates.map(t => ({ value: t.id, label: t.label }))}
          onChange={id => {
            const t = templates.find(x => x.id === id);
            if (t) {
              change({
                request: sessionRequestFromTemplate(t, r.id, props.account),
                templateId: id,
                raw: {}
              });
            }
          }}
        />
      )}
      <LabelledInput
        label={trans.__('Session id')}
        name="id"
        value={r.id}
        error={err('id')}
        onChange={v => update({ id: v.trim() })}
      />
      <details open={props.showAllErrors && hasError(k => k !== 'id')}>
        <summary>{trans.__('Advanced')}</summary>
        <LabelledInput
          label={trans.__('Glue version')}
          name="glueVersion"
          value={r.glueVersion}
          error={err('glueVersion')}
          onChange={v => update({ glueVersion: v.trim() })}
        />
        <LabelledSelect
          label={trans.__('Worker type')}
          name="workerType"
          value={r.workerType}
          options={WORKER_TYPES.map(w => ({ value: w, label: w }))}
          error={err('workerType')}
          onChange={v => update({ workerType: v })}
        />
        <LabelledInput
          label={trans.__('Number of workers')}
          name="numberOfWorkers"
          type="number"
          value={num(r.numberOfWorkers)}
          error={err('numberOfWorkers')}
          onChange={v => update({ numberOfWorkers: toNumber(v) })}
        />
        <LabelledInput
          label={trans.__('Idle timeout (minutes)')}
          name="idleTimeoutMinutes"
          type="number"
          value={num(r.idleTimeoutMinutes)}
          help={trans.__('Glue’s own default is 2880 (48 h of paid idling).')}
          error={err('idleTimeoutMinutes')}
          onChange={v => update({ idleTimeoutMinutes: toNumber(v) })}
        />
        <LabelledInput
          label={trans.__('IAM role ARN')}
          name="role"
          value={r.role}
          error={err('role')}
          onChange={v => update({ role: v.trim() })}
        />
        <LabelledInput
          label={trans.__('Connections (comma-separated)')}
          name="connections"
          value={raw.connections ?? r.connections.join(', ')}
          error={err('connections')}
          onChange={v =>
            update({ connections: parseList(v) }, { ...raw, connections: v })
          }
        />
        <LabelledInput
          label={trans.__('Tags (key=value, comma-separated)')}
          name="tags"
          value={raw.tags ?? formatTags(r.tags)}
          error={err('tags')}
          onChange={v => update({ tags: parseTags(v) }, { ...raw, tags: v })}
        />
      </details>
    </form>
  );
}

/** Body of the Create Glue session dialog; `getValue()` gives the request. */
export class SessionFormWidget extends ReactWidget {
  constructor(private readonly options: ISessionFormOptions) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._draft = options.refused?.draft ?? {
      request: options.initial,
      templateId: options.templates[0]?.id ?? '',
      raw: {}
    };
  }
  /** Everything typed so far. */
  get draft(): ISessionDraft {
    return this._draft;
  }
  getValue(): ISessionRequest {
    return this._draft.request;
  }
  protected render(): JSX.Element {
    const { templates, account, trans, refused, showAllErrors } = this.options;
    return (
      <SessionFormView
        templates={templates}
        account={account}
        trans={trans}
        draft={this._draft}
        showAllErrors={!!refused || !!showAllErrors}
        onChange={d => (this._draft = d)}
      />
    );
  }
  private _draft: ISessionDraft;
}
