import { ReactWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { PanelWithToolbar, SidePanel } from '@jupyterlab/ui-components';
import React from 'react';
import { awsSparkMLIcon } from '../icons';
import type {
  IAwsClients,
  IAwsSparkMLSidebar,
  IServerStatus,
  ISidebarSectionOptions
} from '../tokens';
import { SidebarHeader } from './Header';

export const SIDEBAR_ID = 'aws-spark-ml-sidebar';

/**
 * The "AWS Spark & ML" left panel: a header saying where AWS calls go, and
 * one collapsible section per feature, ordered by rank.
 */
export class AwsSparkMLSidebar extends SidePanel implements IAwsSparkMLSidebar {
  constructor(options: AwsSparkMLSidebar.IOptions) {
    const translator = options.translator ?? nullTranslator;
    super({ translator });
    const trans = translator.load('jupyterlab_aws_spark_ml');
    this.id = SIDEBAR_ID;
    this.addClass('jp-AwsSparkML-sidebar');
    this.title.icon = awsSparkMLIcon;
    this.title.caption = trans.__('AWS Spark & ML');

    const header = ReactWidget.create(
      <SidebarHeader
        status={options.status}
        clients={options.clients}
        trans={trans}
      />
    );
    header.addClass('jp-AwsSparkML-headerWidget');
    this.header.addWidget(header);

    this._status = options.status;
    this._status.changed.connect(this._onStatus, this);
    this._onStatus();
  }

  addSection(options: ISidebarSectionOptions): PanelWithToolbar {
    const section = new PanelWithToolbar();
    section.id = `aws-spark-ml-section-${options.id}`;
    section.addClass('jp-AwsSparkML-section');
    section.title.label = options.title;
    section.addWidget(options.widget);
    const index = this._ranks.findIndex(r => r > options.rank);
    const at = index === -1 ? this._ranks.length : index;
    this._ranks.splice(at, 0, options.rank);
    this.insertWidget(at, section);
    return section;
  }

  /** Sections are useless while the server half is missing or has no credentials. */
  private _onStatus(): void {
    // Hidden only once an answer says so, not while waiting for the first.
    this.content.setHidden(!!this._status.problem && !this._status.usable);
  }

  private _status: IServerStatus;
  private _ranks: number[] = [];
}

export namespace AwsSparkMLSidebar {
  export interface IOptions {
    status: IServerStatus;
    clients: IAwsClients;
    translator?: ITranslator;
  }
}
