import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, closeIcon } from '@jupyterlab/ui-components';
import React from 'react';
import { FieldError } from '../ui';
import { CHOICES, SPEC } from './hyperparameters';

/** Name/value rows; XGBoost names and choices are suggested. */
export function HyperparameterEditor(props: {
  rows: [string, string][];
  onChange: (rows: [string, string][]) => void;
  xgboost: boolean;
  errors: (key: string) => string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { rows, trans } = props;
  const set = (i: number, row: [string, string]) =>
    props.onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="jp-AwsSparkML-hyperparameters">
      <legend>{trans.__('Hyperparameters')}</legend>
      {props.xgboost && (
        <datalist id="jp-AwsSparkML-xgb-names">
          {Object.keys(SPEC).map(n => (
            <option key={n} value={n} />
          ))}
        </datalist>
      )}
      {rows.map(([name, value], i) => {
        const choices = props.xgboost ? CHOICES[name.trim()] : undefined;
        const error = props.errors(`hp.${name.trim()}`);
        return (
          <div key={i} className="jp-AwsSparkML-hp">
            <div className="jp-AwsSparkML-hp-row">
              <input
                className="jp-mod-styled jp-AwsSparkML-hp-name"
                aria-label={trans.__('Hyperparameter %1 name', i + 1)}
                list={props.xgboost ? 'jp-AwsSparkML-xgb-names' : undefined}
                value={name}
                onChange={e => set(i, [e.target.value, value])}
              />
              <span aria-hidden="true">=</span>
              {choices ? (
                <select
                  className="jp-mod-styled jp-AwsSparkML-hp-value"
                  aria-label={trans.__('Value of %1', name)}
                  value={value}
                  aria-invalid={error ? true : undefined}
                  onChange={e => set(i, [name, e.target.value])}
                >
                  {!choices.includes(value) && (
                    <option value={value}>{value}</option>
                  )}
                  {choices.map(c => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  className="jp-mod-styled jp-AwsSparkML-hp-value"
                  aria-label={trans.__('Value of %1', name || i + 1)}
                  value={value}
                  aria-invalid={error ? true : undefined}
                  onChange={e => set(i, [name, e.target.value])}
                />
              )}
              <button
                type="button"
                className="jp-AwsSparkML-iconButton"
                aria-label={trans.__('Remove hyperparameter %1', name || i + 1)}
                title={trans.__('Remove')}
                onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
              >
                <closeIcon.react tag="span" elementSize="small" />
              </button>
            </div>
            <FieldError message={error} />
          </div>
        );
      })}
      {/* Errors about names no row has, e.g. a missing num_round. */}
      {Object.keys(SPEC)
        .filter(n => !rows.some(([r]) => r.trim() === n))
        .map(n => (
          <FieldError key={n} message={props.errors(`hp.${n}`)} />
        ))}
      <FieldError message={props.errors('hp.')} />
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-AwsSparkML-addRow"
        onClick={() => props.onChange([...rows, ['', '']])}
      >
        <addIcon.react tag="span" elementSize="small" />
        {trans.__('Add hyperparameter')}
      </button>
    </fieldset>
  );
}
