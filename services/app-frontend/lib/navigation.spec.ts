import { NAV_ITEMS, isActive, navItemsFor } from './navigation';

describe(navItemsFor.name, () => {
  it('should hide WhatsApp and Billing when the user is an agent', () => {
    const labels = navItemsFor('agent').map((item) => item.label);
    expect(labels).toEqual([
      'Overview',
      'Inbox',
      'Contacts',
      'Campaigns',
      'Automation',
      'Analytics',
      'Team',
      'Settings',
    ]);
  });

  it('should show every section when the user is an admin', () => {
    expect(navItemsFor('admin')).toHaveLength(NAV_ITEMS.length);
  });
});

describe(isActive.name, () => {
  const overview = NAV_ITEMS[0];
  const team = NAV_ITEMS.find((item) => item.label === 'Team');

  it('should mark Overview only on the dashboard root when a section is open', () => {
    expect(isActive(overview, '/dashboard')).toBe(true);
    expect(isActive(overview, '/dashboard/team')).toBe(false);
  });

  it('should mark a section on its sub-pages but not on a look-alike path', () => {
    expect(team && isActive(team, '/dashboard/team/invitations')).toBe(true);
    expect(team && isActive(team, '/dashboard/teams')).toBe(false);
  });
});
