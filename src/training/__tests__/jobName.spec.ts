import {
  derivedName,
  generateJobName,
  RESOURCE_NAME,
  sanitizePrefix
} from '../jobName';

const NOON = new Date(2025, 0, 31, 12, 5, 9);

describe('job names', () => {
  it('are <prefix>-YYYYMMDD-HHMMSS-xxxx and valid for SageMaker', () => {
    const name = generateJobName('xgboost', NOON, () => 0.5);
    expect(name).toBe('xgboost-20250131-120509-iiii');
    expect(RESOURCE_NAME.test(name)).toBe(true);
  });

  it('keep a readable prefix from anything typed', () => {
    expect(sanitizePrefix('  My XGBoost_run!! ')).toBe('my-xgboost-run');
    expect(generateJobName('!!!', NOON, () => 0)).toBe(
      'training-20250131-120509-0000'
    );
  });

  it('never pass 63 characters, and never end the prefix with a hyphen', () => {
    const name = generateJobName(
      'a'.repeat(40) + '-' + 'b'.repeat(40),
      NOON,
      () => 0.1
    );
    expect(name.length).toBeLessThanOrEqual(63);
    expect(RESOURCE_NAME.test(name)).toBe(true);
    expect(name).not.toMatch(/--/);
  });

  it('differ for two clicks in the same second', () => {
    const names = new Set(
      Array.from({ length: 50 }, () => generateJobName('xgboost', NOON))
    );
    expect(names.size).toBe(50);
  });

  it('derived names (model, config) fit in 63 characters', () => {
    const base = 'x'.repeat(63);
    expect(derivedName(base, '-config')).toHaveLength(63);
    expect(derivedName(base, '-config').endsWith('-config')).toBe(true);
    expect(RESOURCE_NAME.test(derivedName('abc-', '-model'))).toBe(true);
  });
});
