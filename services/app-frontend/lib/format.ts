// Date formatting is shared with the admin panel.
export { formatDateTime } from '@aerostic/shared/web';

export function roleLabel(role: string): string {
  return role === 'admin' ? 'Admin' : role === 'agent' ? 'Agent' : role;
}

/** "1.2 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
