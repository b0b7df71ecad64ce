import {
  FlowStore,
  IFlow,
  IFlowKind,
  IResumed,
  resumeFlows,
  RunningFlow
} from '../core/resumable';
import type { IAwsClients } from '../tokens';
import {
  IClusterRequest,
  ISessionRequest,
  toCreateSessionInput,
  toRunJobFlowInput
} from './requests';
import {
  clusterFlowKind,
  findCluster,
  fingerprint,
  FLOW_KINDS,
  IReservation,
  IReservationParams,
  ReservationKind,
  sessionFlowKind,
  sessionIsFlows
} from './reservations';
import { sendOnce } from './sendOnce';
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
 * One click, one cluster. RunJobFlow has no client token, so each click is a
 * resumable flow (core/resumable) whose id tags the cluster and stays
 * recorded until AWS answers; the SDK never repeats the call by itself, and a
 * retry (ours, the person's, or after a reload) first looks for a cluster
 * carrying that id before creating.
 */
export class Provisioner {
  constructor(
    private readonly clients: IAwsClients,
    private readonly store = new FlowStore()
  ) {
    this._kinds = {
      emr: clusterFlowKind(clients),
      glue: sessionFlowKind(clients)
    };
  }

  /** True while a request is being sent (double-click guard). */
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
  pending(kind: ReservationKind): IReservation[] {
    return this.store
      .all()
      .filter(f => f.kind === FLOW_KINDS[kind])
      .map(f => ({ ...f, name: f.params.name }));
  }

  /** Records that an earlier click did create `resourceId`: nothing left to resume. */
  confirm(reservation: IReservation, resourceId: string): void {
    void resourceId;
    this.store.remove(reservation.id);
  }

  /** Finds a cluster created by an earlier click with this reservation's id. */
  findReserved(
    reservation: IFlow<IReservationParams>
  ): Promise<string | undefined> {
    return findCluster(this.clients, reservation);
  }

  /**
   * At page load: clicks a reload cut off are settled — those whose cluster or
   * session exists come back as `finished` (`found` has its id) for the page
   * to follow, the others, which never landed, are forgotten.
   */
  resume(): Promise<IResumed<IReservationParams>[]> {
    return resumeFlows(this.clients, Object.values(this._kinds), {
      store: this.store
    });
  }

  private _once(
    kind: ReservationKind,
    request: object,
    name: string,
    create: (r: RunningFlow<IReservationParams>) => Promise<IProvisionResult>
  ): Promise<IProvisionResult> {
    const region = this.clients.region;
    const print = fingerprint({ kind, region, request });
    const running = this._inFlight.get(print);
    if (running) {
      return running;
    }
    // The same form again after an unknown outcome is the same click: same id.
    const open = this.pending(kind).find(
      f => f.region === region && f.params.fingerprint === print
    );
    const promise = (async () => {
      // Recorded before AWS is called: a reload mid-call still finds it.
      const flow = await RunningFlow.start(
        this.clients,
        this._kinds[kind],
        { fingerprint: print, name },
        { store: this.store, region, id: open?.id }
      );
      try {
        const result = await create(flow);
        flow.end();
        return result;
      } catch (err) {
        // AWS said no (4xx): nothing was created, the next click may start afresh.
        // Unknown outcome (network, 5xx, proxy timeout): keep the id for the retry.
        if (definitelyNotCreated(err)) {
          flow.end();
        } else {
          flow.pause();
        }
        throw err;
      }
    })().finally(() => this._inFlight.delete(print));
    this._inFlight.set(print, promise);
    return promise;
  }

  private async _createCluster(
    request: IClusterRequest,
    running: RunningFlow<IReservationParams>
  ): Promise<IProvisionResult> {
    const reservation = running.flow;
    const existing = await this.findReserved(reservation);
    if (existing) {
      return { id: existing, created: false };
    }
    const { RunJobFlowCommand } = await import('../aws/sdk/emr');
    const emr = await this.clients.client('emr', reservation.region);
    running.sending('cluster');
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await emr.send(
          sendOnce(
            new RunJobFlowCommand(toRunJobFlowInput(request, reservation.id))
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
    running: RunningFlow<IReservationParams>
  ): Promise<IProvisionResult> {
    // The session Id is fixed per click and tagged with its flow: AlreadyExists
    // for a session carrying our flow's tag means an earlier try (or page) made it.
    const reservation = running.flow;
    const { CreateSessionCommand } = await import('../aws/sdk/glue');
    const glue = await this.clients.client('glue', reservation.region);
    running.sending('session');
    try {
      const out = await glue.send(
        new CreateSessionCommand(toCreateSessionInput(request, reservation.id))
      );
      return { id: out.Session?.Id ?? request.id, created: true };
    } catch (err) {
      if (
        (err as Error).name === 'AlreadyExistsException' &&
        (await sessionIsFlows(this.clients, reservation, request.id))
      ) {
        return { id: request.id, created: false };
      }
      throw err;
    }
  }

  /** Wait before looking for a cluster whose RunJobFlow answer was lost. */
  recheckDelayMs = 1000;
  private _inFlight = new Map<string, Promise<IProvisionResult>>();
  private readonly _kinds: Record<
    ReservationKind,
    IFlowKind<IReservationParams>
  >;
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
