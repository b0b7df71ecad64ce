import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { PromiseDelegate } from '@lumino/coreutils';
import type {
  IServerProblem,
  IServerStatus,
  IServerStatusInfo
} from '../tokens';
import { isUsable } from '../core/usable';
import { FRONTEND_VERSION } from '../version';

export const STATUS_ROUTE = 'aws-spark-ml/status';

type Translate = (msg: string, ...args: any[]) => string;
const plain: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

/** Reads `GET {base_url}aws-spark-ml/status` and says what is wrong, if anything. */
export class ServerStatusModel implements IServerStatus {
  constructor(
    private readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings(),
    private readonly __: Translate = plain
  ) {}

  get info(): IServerStatusInfo | null {
    return this._info;
  }
  get problem(): IServerProblem | null {
    return this._problem;
  }
  get changed(): ISignal<IServerStatus, void> {
    return this._changed;
  }
  get ready(): Promise<void> {
    return this._ready.promise;
  }
  get usable(): boolean {
    return isUsable(this._info, this._problem);
  }
  get becameUsable(): Promise<void> {
    return this._usable.promise;
  }

  async refresh(): Promise<void> {
    const url = URLExt.join(this.serverSettings.baseUrl, STATUS_ROUTE);
    try {
      const response = await ServerConnection.makeRequest(
        url,
        {},
        this.serverSettings
      );
      if (response.status === 404) {
        this.set(null, this.missing());
      } else if (!response.ok) {
        const text = await response.text();
        this.set(null, {
          kind: 'unreachable',
          title: this.__(
            'The server extension answered HTTP %1',
            response.status
          ),
          message: text.slice(0, 500),
          fix: this.__('Check the Jupyter server log, then refresh.')
        });
      } else {
        const info = (await response.json()) as IServerStatusInfo;
        this.set(info, this.check(info));
      }
    } catch (err) {
      this.set(null, {
        kind: 'unreachable',
        title: this.__('Cannot reach the Jupyter server'),
        message: String((err as Error)?.message ?? err),
        fix: this.__('Check that JupyterLab is still running, then refresh.')
      });
    }
    this._ready.resolve();
  }

  private missing(): IServerProblem {
    return {
      kind: 'missing',
      title: this.__('The server half is not installed or not enabled'),
      message: this.__(
        'The Jupyter server has no `aws-spark-ml/status` route.'
      ),
      fix: this.__(
        'Run `pip install jupyterlab_aws_spark_ml` then restart JupyterLab; or `jupyter server extension enable jupyterlab_aws_spark_ml`.'
      )
    };
  }

  private check(info: IServerStatusInfo): IServerProblem | null {
    if (!sameVersion(info.version, FRONTEND_VERSION)) {
      return {
        kind: 'version',
        title: this.__('Server and frontend versions differ'),
        message: this.__(
          'The server extension is %1 but this frontend is %2.',
          info.version,
          FRONTEND_VERSION
        ),
        fix: this.__(
          'Reinstall one package so both halves match: `pip install --force-reinstall jupyterlab_aws_spark_ml`, then restart JupyterLab.'
        )
      };
    }
    if (info.mode === 'aws' && !info.identity) {
      return {
        kind: 'credentials',
        title: this.__('No AWS credentials found'),
        message:
          info.identityError ?? this.__('The server has no AWS identity.'),
        fix: this.__(
          'Configure a profile (`aws configure`) where the Jupyter server runs, or run `jupyter lab --AwsSparkML.mode=sandbox`.'
        )
      };
    }
    return null;
  }

  private set(info: IServerStatusInfo | null, problem: IServerProblem | null) {
    this._info = info;
    this._problem = problem;
    if (this.usable) {
      this._usable.resolve();
    }
    this._changed.emit();
  }

  private _info: IServerStatusInfo | null = null;
  private _problem: IServerProblem | null = null;
  private _changed = new Signal<IServerStatus, void>(this);
  private _ready = new PromiseDelegate<void>();
  private _usable = new PromiseDelegate<void>();
}

/** Python `0.1.0.dev0` and npm `0.1.0-dev.0` are the same release. */
export function sameVersion(server: string, frontend: string): boolean {
  const core = (v: string) => (v.match(/^\d+\.\d+\.\d+/) ?? [v])[0];
  return core(server ?? '') === core(frontend);
}
