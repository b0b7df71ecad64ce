import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { launchIcon } from '@jupyterlab/ui-components';
import React from 'react';
import { useSignalValue } from '../ui/hooks';
import type { AttachmentModel } from './AttachmentModel';
import { labelTone, targetText, toolbarLabel } from './label';
import { openInNewTab } from './notify';

function AttachButton(props: {
  model: AttachmentModel;
  trans: TranslationBundle;
  onClick: () => void;
}): JSX.Element {
  const { model, trans } = props;
  const view = useSignalValue(model.changed, () => ({
    label: toolbarLabel(model, trans),
    tone: labelTone(model),
    phase: model.phase,
    sparkUi: model.sparkUi,
    attachment: model.attachment,
    failure: model.failure
  }));
  const tooltip = view.attachment
    ? view.failure
      ? trans.__(
          '%1 — %2 Click to attach again or detach.',
          targetText(view.attachment, trans),
          view.failure.reason
        )
      : trans.__(
          'Attached to %1. Click to change or detach.',
          targetText(view.attachment, trans)
        )
    : trans.__('Attach this notebook to Spark on EMR, Glue or this machine');
  return (
    <div className="jp-AwsSparkML-attachItem" data-phase={view.phase}>
      <button
        type="button"
        className="jp-ToolbarButtonComponent jp-mod-minimal jp-Button jp-AwsSparkML-attachButton"
        title={tooltip}
        aria-label={view.label}
        aria-haspopup="dialog"
        onClick={props.onClick}
      >
        <span
          className={`jp-AwsSparkML-attachDot jp-mod-${view.tone}`}
          aria-hidden="true"
        />
        <span className="jp-ToolbarButtonComponent-label">{view.label}</span>
      </button>
      {view.sparkUi && view.phase === 'connected' && (
        <button
          type="button"
          className="jp-ToolbarButtonComponent jp-mod-minimal jp-Button jp-AwsSparkML-sparkUiButton"
          title={trans.__('Open the Spark UI in a new tab: %1', view.sparkUi)}
          aria-label={trans.__('Open Spark UI')}
          onClick={() => openInNewTab(view.sparkUi!)}
        >
          <launchIcon.react tag="span" elementSize="small" />
          <span className="jp-ToolbarButtonComponent-label">
            {trans.__('Spark UI')}
          </span>
        </button>
      )}
    </div>
  );
}

/** The notebook toolbar's `Spark: <target> · <state>` item. */
export class AttachToolbarItem extends ReactWidget {
  constructor(
    private readonly model: AttachmentModel,
    private readonly trans: TranslationBundle,
    private readonly onClick: () => void
  ) {
    super();
    this.addClass('jp-AwsSparkML-attachToolbarItem');
  }

  render(): JSX.Element {
    return (
      <AttachButton
        model={this.model}
        trans={this.trans}
        onClick={this.onClick}
      />
    );
  }
}
