import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useState } from 'react';
import { describeAwsError } from '../aws/errors';
import type { IAwsClients, IServerStatus } from '../tokens';
import {
  CopyButton,
  ErrorPanel,
  IErrorExplanation,
  useSignalValue
} from '../ui';

interface IIdentity {
  account: string;
  arn: string;
}

/**
 * Where the panel is pointed: sandbox or AWS account, region, and who we
 * are, asked of STS through the signing proxy (not only read from /status).
 */
export function SidebarHeader(props: {
  status: IServerStatus;
  clients: IAwsClients;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, clients, trans } = props;
  const info = useSignalValue(status.changed, () => status.info);
  const problem = useSignalValue(status.changed, () => status.problem);
  const region = useSignalValue(clients.regionChanged, () => clients.region);
  const [identity, setIdentity] = useState<IIdentity | null>(null);
  const [stsError, setStsError] = useState<IErrorExplanation | null>(null);

  const askSts = useCallback(async () => {
    setStsError(null);
    try {
      const { GetCallerIdentityCommand } = await import('../aws/sdk/sts');
      const sts = await clients.client('sts');
      const out = await sts.send(new GetCallerIdentityCommand({}));
      setIdentity({ account: out.Account ?? '', arn: out.Arn ?? '' });
    } catch (err) {
      setIdentity(null);
      setStsError(describeAwsError(err, trans.__.bind(trans)));
    }
  }, [clients, trans]);

  const usable = useSignalValue(status.changed, () => status.usable);
  useEffect(() => {
    if (usable) {
      void askSts();
    }
  }, [info, usable, region, askSts]);

  const refresh = () => {
    void status.refresh();
  };

  return (
    <div className="jp-AwsSparkML-header" data-testid="aws-spark-ml-header">
      <div className="jp-AwsSparkML-header-row">
        {info?.mode === 'sandbox' && (
          <span
            className="jp-AwsSparkML-sandboxBadge"
            title={trans.__(
              'AWS calls go to a local sandbox on this machine: %1',
              info.sandbox?.endpoint ?? ''
            )}
          >
            {trans.__('Local sandbox')}
          </span>
        )}
        {identity && (
          <span
            className="jp-AwsSparkML-account"
            aria-label={trans.__('AWS account')}
          >
            {trans.__('Account %1', identity.account)}
          </span>
        )}
        <span className="jp-AwsSparkML-region" aria-label={trans.__('Region')}>
          {region}
        </span>
        <button
          type="button"
          className="jp-AwsSparkML-iconButton jp-AwsSparkML-header-refresh"
          aria-label={trans.__('Refresh connection status')}
          title={trans.__('Refresh connection status')}
          onClick={refresh}
        >
          <refreshIcon.react tag="span" elementSize="small" />
        </button>
      </div>
      {identity && (
        <div className="jp-AwsSparkML-header-row jp-AwsSparkML-identity">
          <span className="jp-AwsSparkML-arn" title={identity.arn}>
            {identity.arn}
          </span>
          <CopyButton
            value={identity.arn}
            label={trans.__('Copy identity ARN')}
          />
        </div>
      )}
      {problem && (
        <ErrorPanel
          error={problem}
          actions={[{ label: trans.__('Try again'), onClick: refresh }]}
        />
      )}
      {!problem && stsError && (
        <ErrorPanel
          error={stsError}
          actions={[
            { label: trans.__('Try again'), onClick: () => void askSts() }
          ]}
        />
      )}
    </div>
  );
}
