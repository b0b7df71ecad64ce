/** SageMaker's rule for training job, model, endpoint and endpoint config names. */
export const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const MAX_NAME_LENGTH = 63;

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

/** Derives a valid name of at most 63 characters: `base` cut to fit, then `suffix`. */
export function derivedName(base: string, suffix: string): string {
  const head = base
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .replace(/-+$/, '');
  return head + suffix;
}
