import { ADMIN_NAV_ITEMS, isActive, navItemsFor } from './navigation';

describe(isActive.name, () => {
  const controlTower = ADMIN_NAV_ITEMS[0];
  const tenants = ADMIN_NAV_ITEMS[1];

  it('should mark the Control Tower only on the dashboard root when a section is open', () => {
    expect(isActive(controlTower, '/dashboard')).toBe(true);
    expect(isActive(controlTower, '/dashboard/tenants')).toBe(false);
  });

  it('should mark a section on its sub-pages but not on a look-alike path', () => {
    expect(isActive(tenants, '/dashboard/tenants/123')).toBe(true);
    expect(isActive(tenants, '/dashboard/tenants-archive')).toBe(false);
  });
});

describe(navItemsFor.name, () => {
  it('should leave Admins out for support admins and show every section to super admins', () => {
    expect(navItemsFor('admin').map((item) => item.label)).not.toContain('Admins');
    expect(navItemsFor('super_admin')).toHaveLength(ADMIN_NAV_ITEMS.length);
  });
});
