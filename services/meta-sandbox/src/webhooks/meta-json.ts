/**
 * JSON as Meta serialises webhook bodies: every non-ASCII UTF-16 unit as a lower-case `\uXXXX` escape (so emoji
 * become surrogate pairs) and `/` as `\/`. Receivers must verify the signature over these exact bytes; one that
 * re-serialises the parsed body before checking gets a different string and a mismatch.
 */
export function toMetaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('/', '\\/');
}
