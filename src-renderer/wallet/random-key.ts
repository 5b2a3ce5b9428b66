/**
 * A fresh idempotency key for one intended operation (one opening of the Add Balance dialog): retrying a submit
 * that timed out sends the same key, so the server applies it once. `getRandomValues` exists in every context the
 * UI runs in, secure or not.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
