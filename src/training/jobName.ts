import { MAX_NAME_LENGTH } from '../core/names';

// Shared with endpoints: SageMaker's naming rule lives in core.
export { derivedName, MAX_NAME_LENGTH, RESOURCE_NAME } from '../core/names';

/** "My XGBoost run!" → "my-xgboost-run": what SageMaker accepts, kept readable. */
export function sanitizePrefix(prefix: string): string {
  return prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function randomSuffix(random: () => number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    s += Math.floor(random() * 36).toString(36);
  }
  return s;
}

/**
 * `<prefix>-YYYYMMDD-HHMMSS-xxxx`, at most 63 characters. The time makes it
 * readable and sortable; the 4 random characters keep two clicks in the same
 * second (or two people) from colliding.
 */
export function generateJobName(
  prefix: string,
  now: Date = new Date(),
  random: () => number = Math.random
): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const tail = `-${stamp}-${randomSuffix(random)}`;
  const head =
    sanitizePrefix(prefix)
      .slice(0, MAX_NAME_LENGTH - tail.length)
      .replace(/-+$/, '') || 'training';
  return head + tail;
}
