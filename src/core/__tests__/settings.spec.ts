import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';
import { FALLBACK_SETTINGS, readSettings, SparkMLSettings } from '../settings';
import { SETTINGS_PLUGIN_ID } from '../../tokens';

/** A registry holding one plugin's settings, editable like the Settings editor does. */
function fakeRegistry(composite: Record<string, unknown>) {
  const settings = {
    composite,
    changed: new Signal<unknown, void>({})
  };
  const load = jest.fn(async (id: string) => {
    if (id !== SETTINGS_PLUGIN_ID) {
      throw new Error(`no schema for ${id}`);
    }
    return settings;
  });
  const edit = (next: Record<string, unknown>) => {
    settings.composite = next;
    settings.changed.emit();
  };
  return { registry: { load } as unknown as ISettingRegistry, load, edit };
}

describe('readSettings', () => {
  it('keeps what the schema allows and the fallback for the rest', () => {
    const values = readSettings({
      region: 'eu-west-1',
      pollingInterval: '7' as any, // wrong type: a hand-edited settings file
      clusterTemplates: [{ id: 'small', label: 'Small', releaseLabel: 'x' }],
      sessionTemplates: {} as any
    });
    expect(values.region).toBe('eu-west-1');
    expect(values.pollingInterval).toBe(FALLBACK_SETTINGS.pollingInterval);
    expect(values.clusterTemplates).toHaveLength(1);
    expect(values.sessionTemplates).toEqual([]);
    expect(values.endpointInstanceType).toBe('ml.m5.large');
  });
});

describe('SparkMLSettings', () => {
  it('loads the plugin settings once and follows edits', async () => {
    const { registry, load, edit } = fakeRegistry({ pollingInterval: 9 });
    const settings = new SparkMLSettings(registry);
    expect(settings.values.pollingInterval).toBe(5);
    await settings.ready;
    expect(load).toHaveBeenCalledTimes(1);
    expect(settings.values.pollingInterval).toBe(9);

    const seen: number[] = [];
    settings.changed.connect((_, v) => seen.push(v.pollingInterval));
    edit({ pollingInterval: 30 });
    expect(seen).toEqual([30]);
    expect(settings.values.pollingInterval).toBe(30);
  });

  it('is ready with the fallbacks when settings cannot load', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const registry = {
      load: async () => {
        throw new Error('schema missing');
      }
    } as unknown as ISettingRegistry;
    const settings = new SparkMLSettings(registry);
    await settings.ready;
    expect(settings.values).toEqual(FALLBACK_SETTINGS);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('is ready at once without a registry', async () => {
    const settings = new SparkMLSettings(null);
    await settings.ready;
    expect(settings.values).toEqual(FALLBACK_SETTINGS);
  });
});
