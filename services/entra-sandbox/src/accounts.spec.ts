import { AccountStore, SANDBOX_TENANTS, SEEDED_ACCOUNTS } from './accounts';

describe(AccountStore.name, () => {
  it('should find a seeded person by email whatever its case', () => {
    const store = new AccountStore();

    expect(store.findByEmail('ADELE@contoso.test')?.tid).toBe(SANDBOX_TENANTS.contoso);
  });

  it('should keep the object id when a person changes email', () => {
    const store = new AccountStore();
    const [first] = SEEDED_ACCOUNTS;
    if (!first) throw new Error('no seeded account');

    store.upsert({ tid: first.tid, oid: first.oid, email: 'adele.vance@contoso.test' });

    expect(store.findByEmail(first.email)).toBeUndefined();
    expect(store.findByOid(first.oid)?.email).toBe('adele.vance@contoso.test');
  });

  it('should give a new person a fresh object id when none is given', () => {
    const store = new AccountStore([]);

    const a = store.upsert({ tid: SANDBOX_TENANTS.fabrikam, email: 'a@fabrikam.test' });
    const b = store.upsert({ tid: SANDBOX_TENANTS.fabrikam, email: 'b@fabrikam.test' });

    expect(a.oid).not.toBe(b.oid);
    expect(store.list()).toHaveLength(2);
  });
});
