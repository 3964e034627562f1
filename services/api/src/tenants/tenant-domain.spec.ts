import { slugify, withSuffix } from './tenant-domain';

describe(slugify.name, () => {
  it('should make a lower-case ascii slug when the name has accents and punctuation', () => {
    expect(slugify('  Café Ünïcorn, Inc. ')).toBe('cafe-unicorn-inc');
  });

  it('should fall back to "workspace" when nothing usable is left', () => {
    expect(slugify('☎☎☎')).toBe('workspace');
  });

  it('should append a random suffix when asked', () => {
    expect(withSuffix('acme')).toMatch(/^acme-[0-9a-f]{6}$/);
  });
});
