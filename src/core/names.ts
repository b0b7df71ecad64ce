/** SageMaker's rule for training job, model, endpoint and endpoint config names. */
export const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const MAX_NAME_LENGTH = 63;

/** Derives a valid name of at most 63 characters: `base` cut to fit, then `suffix`. */
export function derivedName(base: string, suffix: string): string {
  const head = base
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .replace(/-+$/, '');
  return head + suffix;
}

/** 16 random hex characters: a flow id or a client token no other click shares. */
export function randomId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
