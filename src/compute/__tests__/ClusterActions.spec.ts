/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { FlowStore } from '../../core/resumable';
import {
  notificationsEachTest,
  scriptDialogs
} from '../../core/__tests__/notifications';
import { ClusterActions } from '../ClusterActions';
import { ClusterListModel } from '../ClusterListModel';
import { Provisioner } from '../provisioning';
import { clusterRequestFromTemplate } from '../requests';
import { awsError, fakeAws, IFakeCluster } from './fakeAws';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const { dialog, answer } = scriptDialogs(showDialog);

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
const request = clusterRequestFromTemplate(
  { id: 'small', label: 'Small', releaseLabel: 'emr-7.5.0' },
  'etl'
);

/** EMR whose clusters move to the next state each time they are described. */
function emr(
  options: {
    clusters?: IFakeCluster[];
    states?: string[];
    reason?: string;
    runJobFlow?: ReturnType<typeof awsError>;
  } = {}
) {
  const states = [...(options.states ?? [])];
  const aws = fakeAws({
    clusters: options.clusters,
    override: (op, body) => {
      if (op === 'RunJobFlow') {
        return options.runJobFlow;
      }
      if (op === 'TerminateJobFlows') {
        for (const c of aws.clusters) {
          if (body.JobFlowIds.includes(c.Id)) {
            c.State = 'TERMINATING';
          }
        }
        return { headers: { 'content-type': 'application/json' }, body: '{}' };
      }
      if (op === 'DescribeCluster') {
        const c = aws.clusters.find(x => x.Id === body.ClusterId);
        if (c && states.length) {
          c.State = states.shift()!;
        }
        if (c && options.reason) {
          return {
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: JSON.stringify({
              Cluster: {
                Id: c.Id,
                Name: c.Name,
                Status: {
                  State: c.State,
                  StateChangeReason: { Message: options.reason }
                }
              }
            })
          };
        }
      }
      return undefined;
    }
  });
  const actions = new ClusterActions(
    aws.clients,
    new ClusterListModel(aws.clients),
    trans,
    new Provisioner(aws.clients, new FlowStore())
  );
  actions.intervalMs = 100; // read every second (the floor)
  return { aws, actions };
}

const notes = notificationsEachTest(dialog);

describe('ClusterActions', () => {
  it('provisions a cluster and follows it until it can run work', async () => {
    const { aws, actions } = emr({ states: ['STARTING', 'WAITING'] });
    const busy: boolean[] = [];
    actions.busy.changed.connect(() => busy.push(actions.busy.active));
    expect(await actions.provisionCluster(request)).toBe(true);
    const id = aws.clusters[0].Id;
    expect(aws.calls.filter(c => c === 'RunJobFlow')).toHaveLength(1);
    expect(notes.seen.map(n => n.message)).toEqual([
      'Provisioning cluster etl…',
      `Cluster etl (${id}) is STARTING…`,
      `Cluster etl (${id}) is WAITING.`
    ]);
    expect(notes.last().type).toBe('success');
    expect(busy).toEqual([true, false]);
  });

  it('says why a cluster was not created', async () => {
    const { actions } = emr({
      runJobFlow: awsError(
        'AccessDeniedException',
        'User is not authorized to perform: elasticmapreduce:RunJobFlow'
      )
    });
    expect(await actions.provisionCluster(request)).toBe(false);
    expect(notes.last().type).toBe('error');
    expect(notes.last().message).toMatch(/^Cluster etl was not created: /);
  });

  it("shows AWS's reason when a new cluster ends instead of starting", async () => {
    const { actions } = emr({
      states: ['TERMINATED_WITH_ERRORS'],
      reason: 'The requested instance type is not supported in us-east-1a.'
    });
    await actions.provisionCluster(request);
    const n = notes.last();
    expect(n.type).toBe('error');
    expect(n.message).toBe('Cluster etl ended as TERMINATED_WITH_ERRORS.');
    dialog.mockResolvedValue({
      button: Dialog.okButton(),
      isChecked: null,
      value: null
    });
    notes.click(n, 'Details');
    expect(dialog.mock.calls[0][0]?.body).toBe(
      'The requested instance type is not supported in us-east-1a.'
    );
  });

  const running = (protectedOn = false): IFakeCluster => ({
    Id: 'j-RUN',
    Name: 'etl',
    State: 'WAITING',
    Created: 1,
    TerminationProtected: protectedOn
  });

  it('terminates only after the person confirms', async () => {
    const { aws, actions } = emr({ clusters: [running()] });
    answer(false);
    expect(await actions.terminateCluster('j-RUN')).toBe(false);
    expect(aws.calls).not.toContain('TerminateJobFlows');
    expect(notes.all).toHaveLength(0);
  });

  it('terminates and follows the cluster to TERMINATED', async () => {
    const { aws, actions } = emr({
      clusters: [running()],
      states: ['WAITING', 'TERMINATING', 'TERMINATED']
    });
    answer(true);
    expect(await actions.terminateCluster('j-RUN')).toBe(true);
    expect(aws.calls).toContain('TerminateJobFlows');
    expect(notes.last()).toMatchObject({
      type: 'success',
      message: 'Cluster j-RUN is TERMINATED.'
    });
  });

  it('explains termination protection instead of asking', async () => {
    const { aws, actions } = emr({ clusters: [running(true)] });
    answer(true);
    expect(await actions.terminateCluster('j-RUN')).toBe(false);
    expect(dialog.mock.calls[0][0]?.title).toBe('Termination protection is on');
    expect(aws.calls).not.toContain('TerminateJobFlows');
  });
});
