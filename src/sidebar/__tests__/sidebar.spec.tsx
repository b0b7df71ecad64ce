/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { render, screen } from '@testing-library/react';
import React from 'react';
import { AwsClients } from '../../aws/clients';
import { ServerStatusModel } from '../../aws/status';
import { FRONTEND_VERSION } from '../../version';
import { STS_IDENTITY_XML, fakeServer } from '../../aws/__tests__/fakeServer';
import { SidebarHeader } from '../Header';
import { AwsSparkMLSidebar } from '../Sidebar';

const SANDBOX_STATUS = {
  version: FRONTEND_VERSION,
  mode: 'sandbox',
  region: 'us-east-1',
  identity: null,
  identityError: null,
  sandbox: { endpoint: 'http://127.0.0.1:4566' }
};

function setup(status: object | number) {
  const server = fakeServer(req =>
    req.url.includes('/aws-spark-ml/status')
      ? typeof status === 'number'
        ? { status, body: 'Not Found' }
        : { body: JSON.stringify(status) }
      : { headers: { 'content-type': 'text/xml' }, body: STS_IDENTITY_XML }
  );
  const model = new ServerStatusModel(server.settings);
  const clients = new AwsClients({
    status: model,
    serverSettings: server.settings
  });
  return { ...server, model, clients };
}

describe('SidebarHeader', () => {
  it('shows the sandbox badge, the region and the identity asked of STS', async () => {
    const { model, clients, requests } = setup(SANDBOX_STATUS);
    await model.refresh();
    render(
      <SidebarHeader
        status={model}
        clients={clients}
        trans={nullTranslator.load('x')}
      />
    );
    expect(screen.getByText('Local sandbox')).toBeTruthy();
    expect(await screen.findByText('Account 123456789012')).toBeTruthy();
    expect(
      screen.getByText('arn:aws:iam::123456789012:user/moto')
    ).toBeTruthy();
    expect(screen.getByText('us-east-1')).toBeTruthy();
    // The identity came from STS through the proxy, not from /status.
    expect(
      requests.some(r => r.url.includes('/aws-spark-ml/proxy/sts/us-east-1/'))
    ).toBe(true);
  });

  it('tells how to install the server half when it is missing', async () => {
    const { model, clients, requests } = setup(404);
    await model.refresh();
    render(
      <SidebarHeader
        status={model}
        clients={clients}
        trans={nullTranslator.load('x')}
      />
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'pip install jupyterlab_aws_spark_ml'
    );
    expect(requests.some(r => r.url.includes('/proxy/'))).toBe(false);
  });
});

describe('AwsSparkMLSidebar', () => {
  it('orders sections by rank and hides them while the server is missing', async () => {
    const { model, clients } = setup(404);
    const sidebar = new AwsSparkMLSidebar({ status: model, clients });
    const add = (id: string, rank: number) =>
      sidebar.addSection({ id, title: id, widget: new Widget(), rank });
    add('Endpoints', 400);
    add('Compute', 100);
    add('Training', 300);
    add('Data', 200);
    expect(sidebar.widgets.map(w => w.title.label)).toEqual([
      'Compute',
      'Data',
      'Training',
      'Endpoints'
    ]);
    expect(sidebar.id).toBe('aws-spark-ml-sidebar');
    await model.refresh();
    expect(sidebar.content.isHidden).toBe(true);
  });
});
