import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
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

interface IProps {
  templates: ISessionTemplate[];
  initial: ISessionRequest;
  account: string;
  showAllErrors: boolean;
  trans: TranslationBundle;
  onChange: (r: ISessionRequest) => void;
}

function SessionFormView(props: IProps): JSX.Element {
  const { trans, templates } = props;
  const [r, setR] = useState(props.initial);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [touched, setTouched] = useState(new Set<string>());
  // Raw text of list fields, so typing "a=" or "a, " is not reformatted away.
  const [raw, setRaw] = useState<Record<string, string>>({});
  const errors: ValidationErrors<ISessionRequest> = validateSessionRequest(
    r,
    trans.__.bind(trans)
  );
  const err = (f: keyof ISessionRequest) =>
    props.showAllErrors || touched.has(f) ? (errors[f] ?? null) : null;
  const update = (patch: Partial<ISessionRequest>) => {
    const next = { ...r, ...patch };
    setTouched(new Set([...touched, ...Object.keys(patch)]));
    setR(next);
    props.onChange(next);
  };
  const num = (n: number) => (Number.isNaN(n) ? '' : n);

  return (
    <form className="jp-AwsSparkML-form" onSubmit={e => e.preventDefault()}>
      {templates.length > 0 && (
        <LabelledSelect
          label={trans.__('Template')}
          value={templateId}
          options={templates.map(t => ({ value: t.id, label: t.label }))}
          onChange={id => {
            setTemplateId(id);
            const t = templates.find(x => x.id === id);
            if (t) {
              const next = sessionRequestFromTemplate(t, r.id, props.account);
              setRaw({});
              setR(next);
              props.onChange(next);
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
      <details
        open={props.showAllErrors && Object.keys(errors).some(k => k !== 'id')}
      >
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
          onChange={v => {
            setRaw({ ...raw, connections: v });
            update({ connections: parseList(v) });
          }}
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
      </details>
    </form>
  );
}

/** Body of the Create Glue session dialog; `getValue()` gives the request. */
export class SessionFormWidget extends ReactWidget {
  constructor(private readonly options: Omit<IProps, 'onChange'>) {
    super();
    this.addClass('jp-AwsSparkML-dialogForm');
    this._value = options.initial;
  }
  getValue(): ISessionRequest {
    return this._value;
  }
  protected render(): JSX.Element {
    return (
      <SessionFormView {...this.options} onChange={v => (this._value = v)} />
    );
  }
  private _value: ISessionRequest;
}
