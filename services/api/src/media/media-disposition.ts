import { attachmentDisposition } from '@aerostic/shared';

/** Raster images a browser shows without running anything: shown inline. SVG is never here (it can carry script). */
export const INLINE_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** The `Content-Disposition` of a stored file: inline for safe images, otherwise a download under `filename`. */
export function contentDisposition(mimeType: string, filename: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return INLINE_MEDIA_TYPES.has(base) ? 'inline' : attachmentDisposition(filename);
}
