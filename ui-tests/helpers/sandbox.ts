/**
 * What node-side helpers need to ask the sandbox directly (boto3 in the project's venv):
 * the venv's Python, found from this checkout, and the sandbox's own keys, which the UI test
 * server's sandbox writes to ui-tests/.sandbox-state/<port>/credentials (profile "sandbox").
 */
import * as path from 'path';

/** The venv's Python; VENV_PYTHON overrides. */
export const PYTHON =
  process.env.VENV_PYTHON || path.resolve(__dirname, '../../.venv/bin/python');

const CREDENTIALS = path.resolve(
  __dirname,
  '../.sandbox-state',
  process.env.UI_TEST_PORT || '8888',
  'credentials'
);

/** The environment for a Python helper: boto3 reads the sandbox's keys from its profile. */
export function sandboxEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN'
  ]) {
    delete env[name]; // they would win over the profile
  }
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: CREDENTIALS,
    AWS_PROFILE: 'sandbox'
  };
}
