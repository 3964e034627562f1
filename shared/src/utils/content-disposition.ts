/**
 * `attachment` under `filename`, with an ASCII fallback and the exact name in RFC 5987 form (headers cannot carry
 * UTF-8). Control characters, quotes and slashes are dropped; an empty name becomes `file`.
 */
export function attachmentDisposition(filename: string): string {
  const name =
    [...filename]
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"\\/'.includes(c))
      .join('')
      .slice(0, 240) || 'file';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
