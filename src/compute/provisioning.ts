import type { IAwsClients } from '../tokens';
import {
  CLIENT_TOKEN_TAG,
  IClusterRequest,
  ISessionRequest,
  toCreateSessionInput,
  toRunJobFlowInput
} from './requests';
import {
  IReservation,
  ReservationStore,
  fingerprint,
  newToken
} from './reservations';
import { sendOnce } from './sendOnce';
import { ACTIVE_CLUSTER_STATES } from './states';
import {
  isValid,
  validateClusterRequest,
  validateSessionRequest
} from './validation';

/** RunJobFlow tries per click: the second only after no cluster with our tag turned up. */
const CREATE_ATTEMPTS = 2;

const delay = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Thrown before any AWS call when a field is invalid: nothing is created. */
export class InvalidRequestError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join(' '));
    this.name = 'InvalidRequestError';
  }
}

export interface IProvisionResult {
  id: string;
  /** False when an earlier click had already created it. */
  created: boolean;
}

/**
 * One click, one cluster. RunJobFlow has no client token, so each click gets
 * a token kept in a tag and in localStorage until AWS answers; the SDK never
 * repeats the call by itself, and a retry (ours, the person's, or after a
 * reload) first looks for a cluster carrying that token before creating.
 */
export class Provisioner {
  constructor(
    private readonly clients: IAwsClients,
    private readonly store = new ReservationStore()
  ) {}

  /** True while a request with this fingerprint is being sent (double-click guard). */
  isBusy(): boolean {
    return this._inFlight.size > 0;
  }

  provisionCluster(request: IClusterRequest): Promise<IProvisionResult> {
    const errors = validateClusterRequest(request);
    if (!isValid(errors)) {
      return Promise.reject(
        new InvalidRequestError(errors as Record<string, string>)
      );
    }
    return this._once('emr', request, request.name, r =>
      this._createCluster(request, r)
    );
  }

  createSession(request: ISessionRequest): Promise<IProvisionResult> {
    const errors = validateSessionRequest(request);
    if (!isValid(errors)) {
      return Promise.reject(
        new InvalidRequestError(errors as Record<string, string>)
      );
    }
    return this._once('glue', request, request.id, r =>
      this._createSession(request, r)
    );
  }

  /** Clicks whose answer never came (e.g. the page was reloaded meanwhile). */
  pending(kind: IReservation['kind']): IReservation[] {
    return this.store.open().filter(r => r.kind === kind);
  }

  /** Records that an earlier click did create `resourceId`. */
  confirm(reservation: IReservation, resourceId: string): void {
    this.store.save({ ...reservation, resourceId });
  }

  /** Finds a cluster created by an earlier click with this reservation's token. */
  async findReserved(reservation: IReservation): Promise<string | undefined> {
    const sdk = await import('@aws-sdk/client-emr');
    const emr = await this.clients.client('emr', reservation.region);
    const since = new Date(reservation.createdAt - 5 * 60 * 1000);
    let marker: string | undefined;
    do {
      const page = await emr.send(
        new sdk.ListClustersCommand({
          CreatedAfter: since,
          ClusterStates: ACTIVE_CLUSTER_STATES,
          Marker: marker
        })
      );
      for (const c of page.Clusters ?? []) {
        if (c.Name !== reservation.name || !c.Id) {
          continue;
        }
        // Same name: only the tag proves it came from this click.
        const { Cluster } = await emr.send(
          new sdk.DescribeClusterCommand({ ClusterId: c.Id })
        );
        if (
          Cluster?.Tags?.some(
            t => t.Key === CLIENT_TOKEN_TAG && t.Value === reservation.token
          )
        ) {
          return c.Id;
        }
      }
      marker = page.Marker;
    } while (marker);
    return undefined;
  }

  private _once(
    kind: IReservation['kind'],
    request: object,
    name: string,
    create: (r: IReservation) => Promise<IProvisionResult>
  ): Promise<IProvisionResult> {
    const region = this.clients.region;
    const print = fingerprint({ kind, region, request });
    const running = this._inFlight.get(print);
    if (running) {
      return running;
    }
    const reservation: IReservation = this.store.findOpen(
      kind,
      print,
      region
    ) ?? {
      kind,
      fingerprint: print,
      token: newToken(),
      name,
      region,
      createdAt: Date.now()
    };
    // Written before AWS is called: a reload mid-call still finds it.
    this.store.save(reservation);
    const promise = create(reservation)
      .then(result => {
        this.store.save({ ...reservation, resourceId: result.id });
        return result;
      })
      .catch(err => {
        // AWS said no (4xx): nothing was created, the next click may start afresh.
        // Unknown outcome (network, 5xx, proxy timeout): keep the token for the retry.
        if (definitelyNotCreated(err)) {
          this.store.remove(reservation.token);
        }
        throw err;
      })
      .finally(() => this._inFlight.delete(print));
    this._inFlight.set(print, promise);
    return promise;
  }

  private async _createCluster(
    request: IClusterRequest,
    reservation: IReservation
  ): Promise<IProvisionResult> {
    const existing = await this.findReserved(reservation);
    if (existing) {
      return { id: existing, created: false };
    }
    const { RunJobFlowCommand } = await import('@aws-sdk/client-emr');
    const emr = await this.clients.client('emr', reservation.region);
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await emr.send(
          sendOnce(
            new RunJobFlowCommand(toRunJobFlowInput(request, reservation.token))
          )
        );
        return { id: out.JobFlowId ?? '', created: true };
      } catch (err) {
        if (definitelyNotCreated(err) || attempt >= CREATE_ATTEMPTS) {
          throw err;
        }
        // The answer was lost, not necessarily the call: look for our tag first.
        await delay(this.recheckDelayMs);
        const found = await this.findReserved(reservation);
        if (found) {
          return { id: found, created: true };
        }
      }
    }
  }

  private async _createSession(
    request: ISessionRequest,
    reservation: IReservation
  ): Promise<IProvisionResult> {
    // The session Id is fixed per click and tagged with its token: AlreadyExists
    // for a session carrying our token means an earlier try (or page) made it.
    const { CreateSessionCommand } = await import('@aws-sdk/client-glue');
    const glue = await this.clients.client('glue', reservation.region);
    try {
      const out = await glue.send(
        new CreateSessionCommand(
          toCreateSessionInput(request, reservation.token)
        )
      );
      return { id: out.Session?.Id ?? request.id, created: true };
    } catch (err) {
      if (
        (err as Error).name === 'AlreadyExistsException' &&
        (await this._sessionToken(request.id, reservation.region)) ===
          reservation.token
      ) {
        return { id: request.id, created: false };
      }
      throw err;
    }
  }

  private async _sessionToken(
    id: string,
    region: string
  ): Promise<string | undefined> {
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const { GetTagsCommand } = await import('@aws-sdk/client-glue');
    const sts = await this.clients.client('sts', region);
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    const glue = await this.clients.client('glue', region);
    const arn = `arn:aws:glue:${region}:${Account}:session/${id}`;
    const out = await glue.send(new GetTagsCommand({ ResourceArn: arn }));
    return out.Tags?.[CLIENT_TOKEN_TAG];
  }

  /** Wait before looking for a cluster whose RunJobFlow answer was lost. */
  recheckDelayMs = 1000;
  private _inFlight = new Map<string, Promise<IProvisionResult>>();
}

function definitelyNotCreated(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; name?: string };
  const status = e?.$metadata?.httpStatusCode;
  if (e?.name === 'ProxyRefusalError') {
    // The proxy refused before AWS saw it, except on 502/504 where AWS may have.
    return ![502, 504].includes((err as { status: number }).status);
  }
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    e.name !== 'ThrottlingException'
  );
}
