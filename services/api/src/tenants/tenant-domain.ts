import { randomBytes } from 'node:crypto';

/** A readable slug for the workspace: "Acme Dental, Inc." → "acme-dental-inc". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'workspace';
}

export function withSuffix(slug: string): string {
  return `${slug}-${randomBytes(3).toString('hex')}`;
}
