import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, closeIcon } from '@jupyterlab/ui-components';
import React from 'react';
import { FieldError } from '../ui';
import { CONTENT_TYPES, IChannel } from './request';
import type { IDataSource } from './sources';

/** Input channels: name, S3 location (typed or picked) and content type per row. */
export function ChannelsEditor(props: {
  channels: IChannel[];
  onChange: (channels: IChannel[]) => void;
  sources: IDataSource[];
  errors: (key: string) => string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { channels, trans, sources } = props;
  const set = (i: number, patch: Partial<IChannel>) =>
    props.onChange(channels.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const tables = sources.filter(s => s.kind === 'table');
  const recent = sources.filter(s => s.kind === 'recent');
  return (
    <fieldset className="jp-AwsSparkML-channels">
      <legend>{trans.__('Input channels')}</legend>
      {channels.map((c, i) => (
        <div
          key={i}
          className="jp-AwsSparkML-channel"
          role="group"
          aria-label={trans.__('Channel %1', i + 1)}
        >
          <div className="jp-AwsSparkML-channel-row">
            <input
              className="jp-mod-styled jp-AwsSparkML-channel-name"
              aria-label={trans.__('Channel %1 name', i + 1)}
              value={c.name}
              onChange={e => set(i, { name: e.target.value.trim() })}
            />
            <select
              className="jp-mod-styled"
              aria-label={trans.__('Channel %1 content type', i + 1)}
              value={c.contentType}
              onChange={e => set(i, { contentType: e.target.value })}
            >
              {CONTENT_TYPES.map(t => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="jp-AwsSparkML-iconButton"
              aria-label={trans.__('Remove channel %1', c.name || i + 1)}
              title={trans.__('Remove channel')}
              onClick={() => props.onChange(channels.filter((_, j) => j !== i))}
            >
              <closeIcon.react tag="span" elementSize="small" />
            </button>
          </div>
          <input
            className="jp-mod-styled jp-AwsSparkML-channel-uri"
            aria-label={trans.__('Channel %1 S3 location', i + 1)}
            placeholder="s3://bucket/prefix/"
            value={c.s3Uri}
            aria-invalid={props.errors(`channel.${i}`) ? true : undefined}
            onChange={e => set(i, { s3Uri: e.target.value.trim() })}
          />
          {sources.length > 0 && (
            <select
              className="jp-mod-styled jp-AwsSparkML-channel-pick"
              aria-label={trans.__('Pick an S3 location for channel %1', i + 1)}
              value=""
              onChange={e =>
                e.target.value && set(i, { s3Uri: e.target.value })
              }
            >
              <option value="">
                {trans.__('Pick a Glue table or recent location…')}
              </option>
              {tables.length > 0 && (
                <optgroup label={trans.__('Glue tables')}>
                  {tables.map(s => (
                    <option key={`t:${s.label}`} value={s.uri}>
                      {`${s.label} — ${s.uri}`}
                    </option>
                  ))}
                </optgroup>
              )}
              {recent.length > 0 && (
                <optgroup label={trans.__('Recently used')}>
                  {recent.map(s => (
                    <option key={`r:${s.uri}`} value={s.uri}>
                      {s.uri}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
          <FieldError message={props.errors(`channel.${i}`)} />
        </div>
      ))}
      <FieldError message={props.errors('channels')} />
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-AwsSparkML-addRow"
        onClick={() =>
          props.onChange([
            ...channels,
            {
              name: channels.some(c => c.name === 'validation')
                ? ''
                : 'validation',
              s3Uri: '',
              contentType: channels[0]?.contentType ?? 'text/csv'
            }
          ])
        }
      >
        <addIcon.react tag="span" elementSize="small" />
        {trans.__('Add channel')}
      </button>
    </fieldset>
  );
}
