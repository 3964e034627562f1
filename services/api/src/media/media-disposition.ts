/** Raster images a browser shows without running anything: shown inline. SVG is never here (it can carry script). */
export const INLINE_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** The `Content-Disposition` of a stored file: inline for safe images, otherwise a download under `filename`. */
export function contentDisposition(mimeType: string, filename: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (INLINE_MEDIA_TYPES.has(base)) return 'inline';
  // An ASCII fallback for old clients, and the exact name as RFC 6266's filename*.
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
