/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { act, render, screen, within } from '@testing-library/react';
import React from 'react';
import {
  awsError,
  fakeSageMaker,
  ok
} from '../../training/__tests__/fakeSageMaker';
import { EndpointListModel } from '../EndpointListModel';
import { EndpointsPanel } from '../EndpointsPanel';

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach(d => d.dispose()));
const track = <T extends { dispose(): void }>(d: T) => (disposables.push(d), d);

const endpoint = (name: string, status: string, created: number) => ({
  EndpointName: name,
  EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${name}`,
  EndpointStatus: status,
  CreationTime: created,
  LastModifiedTime: created
});

/** SageMaker with `endpoints`; `fault(op)` answers first when it returns a reply. */
function sageMaker(
  endpoints: ReturnType<typeof endpoint>[],
  fault: (op: string) => any
) {
  return fakeSageMaker((op, body) => {
    const f = fault(op);
    if (f) {
      return f;
    }
    switch (op) {
      case 'ListEndpoints':
        return ok({ Endpoints: endpoints });
      case 'DescribeEndpoint':
        return ok({
          ...endpoints.find(e => e.EndpointName === body.EndpointName),
          EndpointConfigName: `${body.EndpointName}-config`
        });
      case 'DescribeEndpointConfig':
        return ok({
          EndpointConfigName: body.EndpointConfigName,
          ProductionVariants: [
            { VariantName: 'AllTraffic', InstanceType: 'ml.m5.large' }
          ]
        });
    }
    return awsError('UnknownOperationException', op);
  });
}

// What every list does under faults is tested once, in core/__tests__;
// here only what endpoints add: their Describe calls, and the panel's wiring.
describe('EndpointListModel under faults', () => {
  it('reads each endpoint with its config, and polls faster while one is Creating', async () => {
    const endpoints = [endpoint('ep-a', 'InService', 1000)];
    const aws = sageMaker(endpoints, () => null);
    const model = track(new EndpointListModel(aws.clients, 5));
    await model.refresh();
    expect(model.details('ep-a')?.config?.ProductionVariants).toHaveLength(1);
    expect(model.poll.frequency.interval).toBe(5000);

    endpoints.unshift(endpoint('ep-b', 'Creating', 2000));
    await model.refresh();
    expect(model.items.map(e => e.EndpointName)).toEqual(['ep-b', 'ep-a']);
    expect(model.poll.frequency.interval).toBe(2000);
    // An unchanged endpoint is not described again.
    expect(
      aws.calls.filter(
        c => c.op === 'DescribeEndpoint' && c.body.EndpointName === 'ep-a'
      )
    ).toHaveLength(1);
  });

  it('keeps its rows when describing fails with a 5xx, and retries the describe next time', async () => {
    const endpoints = [endpoint('ep-a', 'InService', 1000)];
    let failing = false;
    const aws = sageMaker(endpoints, op =>
      failing && op === 'DescribeEndpoint'
        ? awsError('InternalFailure', 'boom', 500)
        : null
    );
    const model = track(new EndpointListModel(aws.clients));
    await model.refresh();
    endpoints.push(endpoint('ep-new', 'Creating', 2000));
    failing = true;
    await expect(model.refresh()).rejects.toBeTruthy();
    expect(model.items.map(e => e.EndpointName)).toEqual(['ep-a']);
    expect(model.retrying).toBe('error');
    failing = false;
    await model.refresh();
    expect(model.details('ep-new')?.endpoint.EndpointStatus).toBe('Creating');
  });

  it('still lists an endpoint whose configuration was deleted', async () => {
    const aws = sageMaker([endpoint('ep-a', 'InService', 1000)], op =>
      op === 'DescribeEndpointConfig'
        ? awsError('ValidationException', 'Could not find endpoint config')
        : null
    );
    const model = track(new EndpointListModel(aws.clients));
    await model.refresh();
    expect(model.retrying).toBeNull();
    expect(model.details('ep-a')?.config).toBeNull();
  });

  it('shows the rows and a "Retrying… (AWS error)" line, not an error panel', async () => {
    let failing = false;
    const aws = sageMaker([endpoint('ep-a', 'InService', 1000)], () =>
      failing ? awsError('InternalFailure', 'boom', 500) : null
    );
    const model = track(new EndpointListModel(aws.clients));
    await model.refresh();
    render(
      <EndpointsPanel
        endpoints={model}
        clients={aws.clients}
        commands={new CommandRegistry()}
        trans={nullTranslator.load('x')}
      />
    );
    failing = true;
    await act(() => model.refresh().catch(() => undefined));
    const list = screen.getByRole('list', { name: 'Endpoints' });
    expect(within(list).getByRole('listitem', { name: 'ep-a' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      'Retrying… (AWS error)'
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
