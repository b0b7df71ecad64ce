/**
 * What the duplicate tests need besides the page objects: the sandbox's fault
 * switch, a held request (the page reloads while it is out), and a boto3 look
 * at SageMaker's hosting resources that does not go through the UI under test.
 */
import { execFileSync } from 'child_process';
import { expect, Page, Route } from '@playwright/test';
import { PYTHON, sandboxEnvironment } from './sandbox';

const FAULTS_ROUTE = '/aws-spark-ml/sandbox/faults';

/**
 * Sets the sandbox's injected faults. False when this server has no fault
 * switch (the test then runs without it and says so).
 */
export async function setFaults(page: Page, rules: object[]): Promise<boolean> {
  const response = await page.request.put(FAULTS_ROUTE, {
    data: { rules }
  });
  if (response.status() === 404) {
    return false;
  }
  expect(response.ok(), await response.text()).toBeTruthy();
  return true;
}

export async function clearFaults(page: Page): Promise<void> {
  const response = await page.request.delete(FAULTS_ROUTE);
  expect([200, 204, 404]).toContain(response.status());
}

/**
 * Holds every proxied SageMaker call with this X-Amz-Target operation: it
 * never reaches the server. `held` resolves with the first one held (in an
 * object: an async function returning a bare promise would wait for it).
 */
export async function holdSageMakerCall(
  page: Page,
  operation: string
): Promise<{ held: Promise<Route> }> {
  let held: (r: Route) => void = () => undefined;
  const first = new Promise<Route>(resolve => (held = resolve));
  await page.route('**/aws-spark-ml/proxy/sagemaker/**', route => {
    const target = route.request().headers()['x-amz-target'] ?? '';
    if (target.endsWith(`.${operation}`)) {
      held(route); // neither continued nor answered: the page's call stays out
      return;
    }
    return route.continue();
  });
  return { held: first };
}

// Every model, endpoint configuration and endpoint, and what each uses.
const HOSTING_SCRIPT = String.raw`
import json, sys
import boto3
sm = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1")
def every(op, key, **kw):
    out = []
    for page in sm.get_paginator(op).paginate(**kw):
        out += page[key]
    return out
models = [m["ModelName"] for m in every("list_models", "Models")]
configs = {}
for c in every("list_endpoint_configs", "EndpointConfigs"):
    name = c["EndpointConfigName"]
    d = sm.describe_endpoint_config(EndpointConfigName=name)
    configs[name] = [v["ModelName"] for v in d["ProductionVariants"]]
endpoints = {}
for e in every("list_endpoints", "Endpoints"):
    d = sm.describe_endpoint(EndpointName=e["EndpointName"])
    endpoints[e["EndpointName"]] = d["EndpointConfigName"]
print(json.dumps({"models": models, "configs": configs, "endpoints": endpoints}))
`;

export interface IHosting {
  models: string[];
  /** Endpoint configuration → the models it serves. */
  configs: Record<string, string[]>;
  /** Endpoint → its configuration. */
  endpoints: Record<string, string>;
}

export function hosting(endpoint: string): IHosting {
  const out = execFileSync(PYTHON, ['-c', HOSTING_SCRIPT, endpoint], {
    encoding: 'utf-8',
    timeout: 60_000,
    env: sandboxEnvironment()
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

/** Models and configurations no endpoint uses: what a half-done deploy leaves. */
export function halfCreated(h: IHosting): string[] {
  const usedConfigs = new Set(Object.values(h.endpoints));
  const usedModels = new Set([...usedConfigs].flatMap(c => h.configs[c] ?? []));
  return [
    ...Object.keys(h.configs)
      .filter(c => !usedConfigs.has(c))
      .map(c => `endpoint configuration ${c}`),
    ...h.models.filter(m => !usedModels.has(m)).map(m => `model ${m}`)
  ];
}
