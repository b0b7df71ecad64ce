/**
 * Remembers each provisioning click until AWS's answer is known, in
 * localStorage, so a retry or a page reload reuses the same token and
 * never creates a second cluster or session.
 */
export interface IReservation {
  kind: 'emr' | 'glue';
  /** Hash of the request: the same form submitted again is the same click. */
  fingerprint: string;
  token: string;
  name: string;
  region: string;
  createdAt: number;
  /** Set once AWS answered with the new resource's id. */
  resourceId?: string;
}

const KEY = 'jupyterlab-aws-spark-ml:reservations';
/** After this, an unanswered reservation is forgotten. */
export const RESERVATION_TTL_MS = 6 * 60 * 60 * 1000;

export class ReservationStore {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  /** Open (unanswered, unexpired) reservation for this request, if any. */
  findOpen(
    kind: IReservation['kind'],
    fingerprint: string,
    region: string
  ): IReservation | undefined {
    return this.all().find(
      r =>
        r.kind === kind &&
        r.fingerprint === fingerprint &&
        r.region === region &&
        !r.resourceId
    );
  }

  open(): IReservation[] {
    return this.all().filter(r => !r.resourceId);
  }

  save(reservation: IReservation): void {
    const rest = this.all().filter(r => r.token !== reservation.token);
    this.write([...rest, reservation]);
  }

  remove(token: string): void {
    this.write(this.all().filter(r => r.token !== token));
  }

  private all(): IReservation[] {
    const now = Date.now();
    try {
      const list = JSON.parse(
        this.storage?.getItem(KEY) ?? this.memory
      ) as IReservation[];
      return list.filter(r => now - r.createdAt < RESERVATION_TTL_MS);
    } catch {
      return [];
    }
  }

  private write(list: IReservation[]): void {
    const text = JSON.stringify(list);
    this.memory = text;
    try {
      this.storage?.setItem(KEY, text);
    } catch {
      // Storage full or disabled: the in-memory copy still guards this page.
    }
  }

  private memory = '[]';
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A stable hash of a request (key order independent). */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(sortKeys(value));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(sortKeys);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map(k => [k, sortKeys((v as Record<string, unknown>)[k])])
    );
  }
  return v;
}

export function newToken(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
