import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import {
  ISparkMLSettings,
  ISparkMLSettingsValues,
  SETTINGS_PLUGIN_ID
} from '../tokens';

/**
 * What the features use when the settings cannot be read. The schema's
 * defaults (schema/plugin.json) apply as soon as they load; templates are
 * empty until then, so nothing is offered that the schema does not say.
 */
export const FALLBACK_SETTINGS: ISparkMLSettingsValues = {
  region: '',
  pollingInterval: 5,
  clusterTemplates: [],
  sessionTemplates: [],
  trainingRoleArn: '',
  trainingInstanceType: 'ml.m5.large',
  trainingOutputPath: '',
  endpointInstanceType: 'ml.m5.large'
};

/** Typed values from the registry's composite; a wrongly typed entry keeps its fallback. */
export function readSettings(
  composite: ReadonlyPartialJSONObject
): ISparkMLSettingsValues {
  const out: Record<string, unknown> = { ...FALLBACK_SETTINGS };
  for (const [key, fallback] of Object.entries(FALLBACK_SETTINGS)) {
    const value = composite[key];
    const ok = Array.isArray(fallback)
      ? Array.isArray(value)
      : typeof value === typeof fallback;
    if (ok) {
      out[key] = value;
    }
  }
  return out as unknown as ISparkMLSettingsValues;
}

/** The settings, loaded once from the registry for every feature. */
export class SparkMLSettings implements ISparkMLSettings {
  /** Loads at once; without a registry the fallbacks stay. */
  constructor(registry: ISettingRegistry | null) {
    if (!registry) {
      this._ready.resolve();
      return;
    }
    registry
      .load(SETTINGS_PLUGIN_ID)
      .then(settings => {
        const apply = () => {
          this._values = readSettings(settings.composite);
          this._changed.emit(this._values);
        };
        apply();
        settings.changed.connect(apply);
      })
      .catch(reason =>
        console.error('aws-spark-ml: cannot load settings', reason)
      )
      .then(() => this._ready.resolve());
  }

  get values(): ISparkMLSettingsValues {
    return this._values;
  }
  get changed(): ISignal<ISparkMLSettings, ISparkMLSettingsValues> {
    return this._changed;
  }
  get ready(): Promise<void> {
    return this._ready.promise;
  }

  private _values = FALLBACK_SETTINGS;
  private _changed = new Signal<ISparkMLSettings, ISparkMLSettingsValues>(this);
  private _ready = new PromiseDelegate<void>();
}
