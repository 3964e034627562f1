import { auditFilterProblems, auditQuery, numberQuery, numberSort, sortLink, tenantQuery } from './list-queries';

describe(tenantQuery.name, () => {
  it('should pass the search, a known status and the cursor on to the API', () => {
    expect(tenantQuery({ search: ' acme ', status: 'suspended', cursor: 'c1' }, 10)).toBe(
      '?search=acme&status=suspended&cursor=c1&limit=10',
    );
  });

  it('should drop a status the API does not know rather than have the page fail', () => {
    expect(tenantQuery({ status: 'deleted' }, 10)).toBe('?limit=10');
  });
});

describe(numberQuery.name, () => {
  it('should ask for the default sort and keep known filters when the URL has no sort', () => {
    expect(numberQuery({ tokenStatus: 'invalid', quality: 'RED' }, 50)).toBe(
      '?tokenStatus=invalid&quality=RED&sort=tenant&order=asc&limit=50',
    );
  });

  it('should drop unknown token statuses, qualities and sorts', () => {
    expect(numberQuery({ tokenStatus: 'stolen', quality: 'PURPLE', sort: 'name', order: 'up' }, 50)).toBe(
      '?sort=tenant&order=asc&limit=50',
    );
  });
});

describe(sortLink.name, () => {
  it('should flip the order when the same column is chosen again', () => {
    expect(sortLink('/n', { sort: 'quality', order: 'asc', cursor: 'c' }, 'quality')).toBe(
      '/n?sort=quality&order=desc',
    );
    expect(sortLink('/n', { sort: 'quality', order: 'desc' }, 'quality')).toBe('/n?sort=quality&order=asc');
  });

  it('should start ascending and keep the filters when another column is chosen', () => {
    expect(sortLink('/n', { tokenStatus: 'valid', sort: 'quality', order: 'desc' }, 'lastCheckedAt')).toBe(
      '/n?tokenStatus=valid&sort=lastCheckedAt&order=asc',
    );
    expect(numberSort({})).toEqual({ sort: 'tenant', order: 'asc' });
  });
});

describe(auditQuery.name, () => {
  it('should cover whole UTC days when given a from and a to date', () => {
    expect(auditQuery({ from: '2026-05-03', to: '2026-05-31', action: 'tenant.suspended' }, 50)).toBe(
      '?action=tenant.suspended&from=2026-05-03&to=2026-06-01&limit=50',
    );
  });

  it('should drop a date that is not a day', () => {
    expect(auditQuery({ from: 'yesterday', actor: ' pat@example.com ' })).toBe('?actor=pat%40example.com');
  });
});

describe(auditFilterProblems.name, () => {
  it('should name each filter the API would refuse', () => {
    expect(auditFilterProblems({ tenantId: 'acme', action: 'Tenant Suspended' })).toEqual({
      tenantId: 'tenantId must be a UUID',
      action: 'action must be an audit action such as tenant.suspended',
    });
  });

  it('should refuse a last day before the first, and accept one day alone', () => {
    expect(auditFilterProblems({ from: '2026-05-03', to: '2026-05-02' })).toEqual({
      to: 'The last day must not be before the first',
    });
    expect(auditFilterProblems({ from: '2026-05-03', to: '2026-05-03' })).toEqual({});
  });
});
