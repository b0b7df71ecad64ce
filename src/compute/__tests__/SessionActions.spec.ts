/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { showDialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { FlowStore } from '../../core/resumable';
import {
  notificationsEachTest,
  scriptDialogs
} from '../../core/__tests__/notifications';
import { Provisioner } from '../provisioning';
import { sessionRequestFromTemplate } from '../requests';
import { SessionActions } from '../SessionActions';
import { SessionListModel } from '../SessionListModel';
import { awsError, fakeAws, IFakeSession } from './fakeAws';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  showDialog: jest.fn()
}));
const { dialog, answer } = scriptDialogs(showDialog);

const trans = nullTranslator.load('jupyterlab_aws_spark_ml');
const json = (body: unknown) => ({
  headers: { 'content-type': 'application/x-amz-json-1.1' },
  body: JSON.stringify(body)
});

/** Glue whose sessions move to the next state each time they are read. */
function glue(options: { sessions?: IFakeSession[]; states?: string[] } = {}) {
  const states = [...(options.states ?? [])];
  const aws = fakeAws({
    sessions: options.sessions,
    override: (op, body) => {
      const s = aws.sessions.find(x => x.Id === body.Id);
      switch (op) {
        case 'GetSession':
          if (s && states.length) {
            s.Status = states.shift()!;
          }
          return s
            ? json({
                Session: {
                  Id: s.Id,
                  Status: s.Status,
                  ErrorMessage:
                    s.Status === 'FAILED' ? 'Role cannot be assumed' : undefined
                }
              })
            : awsError('EntityNotFoundException', `${body.Id} not found`);
        case 'StopSession':
          if (s) {
            s.Status = 'STOPPING';
          }
          return json({ Id: body.Id });
        case 'DeleteSession':
          aws.sessions.splice(aws.sessions.indexOf(s!), 1);
          return json({ Id: body.Id });
      }
      return undefined;
    }
  });
  const actions = new SessionActions(
    aws.clients,
    new SessionListModel(aws.clients),
    trans,
    new Provisioner(aws.clients, new FlowStore())
  );
  actions.intervalMs = 100; // read every second (the floor)
  return { aws, actions };
}

const ready = (): IFakeSession => ({
  Id: 'glue-1',
  Status: 'READY',
  Created: 1
});
const request = sessionRequestFromTemplate(
  {
    id: 'g',
    label: 'Glue',
    role: 'arn:aws:iam::{account}:role/GlueRole'
  },
  'glue-new',
  '123456789012'
);

const notes = notificationsEachTest(dialog);

describe('SessionActions', () => {
  it('creates a session and follows it until READY', async () => {
    const { aws, actions } = glue({ states: ['PROVISIONING', 'READY'] });
    expect(await actions.createSession(request)).toBe(true);
    expect(aws.calls.filter(c => c === 'CreateSession')).toHaveLength(1);
    expect(notes.seen.map(n => n.message)).toEqual([
      'Creating Glue session glue-new…',
      'Glue session glue-new is PROVISIONING…',
      'Glue session glue-new is READY.'
    ]);
    expect(notes.last().type).toBe('success');
  });

  it("reports a session that failed to start, with Glue's reason", async () => {
    const { actions } = glue({ states: ['FAILED'] });
    await actions.createSession(request);
    const n = notes.last();
    expect(n).toMatchObject({
      type: 'error',
      message: 'Glue session glue-new is FAILED.'
    });
    expect(n.options.actions?.map(a => a.label)).toEqual(['Details']);
  });

  it('stops nothing when the person declines', async () => {
    const { aws, actions } = glue({ sessions: [ready()] });
    answer(false);
    expect(await actions.stopSession('glue-1')).toBe(false);
    expect(aws.calls).not.toContain('StopSession');
  });

  it('stops a session and follows it to STOPPED', async () => {
    const { aws, actions } = glue({
      sessions: [ready()],
      states: ['STOPPING', 'STOPPED']
    });
    answer(true);
    expect(await actions.stopSession('glue-1')).toBe(true);
    expect(aws.calls).toContain('StopSession');
    expect(notes.last()).toMatchObject({
      type: 'success',
      message: 'Glue session glue-1 is STOPPED.'
    });
  });

  it('deletes a session after confirmation', async () => {
    const { aws, actions } = glue({ sessions: [ready()] });
    answer(true);
    expect(await actions.deleteSession('glue-1')).toBe(true);
    expect(aws.sessions).toHaveLength(0);
    expect(notes.last()).toMatchObject({
      type: 'success',
      message: 'Glue session glue-1 deleted.'
    });
  });
});
