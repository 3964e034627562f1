import { randomUUID } from 'node:crypto';

/** A person in one of the stand-in's Entra tenants; `oid` is also the OIDC subject. */
export interface EntraAccount {
  tid: string;
  oid: string;
  email: string;
  name: string;
}

/** Fixed so that docs, tests and a workspace's settings can name them (README.md lists them). */
export const SANDBOX_TENANTS = {
  contoso: '11111111-1111-4111-8111-111111111111',
  fabrikam: '22222222-2222-4222-8222-222222222222',
} as const;

export const SEEDED_ACCOUNTS: readonly EntraAccount[] = [
  {
    tid: SANDBOX_TENANTS.contoso,
    oid: 'aaaaaaaa-0000-4000-8000-000000000001',
    email: 'adele@contoso.test',
    name: 'Adele Vance',
  },
  {
    tid: SANDBOX_TENANTS.contoso,
    oid: 'aaaaaaaa-0000-4000-8000-000000000002',
    email: 'megan@contoso.test',
    name: 'Megan Bowen',
  },
  {
    tid: SANDBOX_TENANTS.fabrikam,
    oid: 'bbbbbbbb-0000-4000-8000-000000000001',
    email: 'alex@fabrikam.test',
    name: 'Alex Wilber',
  },
];

/** In memory; tests add people over HTTP and may change an email to prove sign-ins match on `oid`. */
export class AccountStore {
  private readonly byOid = new Map<string, EntraAccount>();

  constructor(seed: readonly EntraAccount[] = SEEDED_ACCOUNTS) {
    for (const account of seed) this.byOid.set(account.oid, { ...account });
  }

  list(): EntraAccount[] {
    return [...this.byOid.values()];
  }

  findByOid(oid: string): EntraAccount | undefined {
    return this.byOid.get(oid);
  }

  findByEmail(email: string): EntraAccount | undefined {
    const wanted = email.trim().toLowerCase();
    return this.list().find((account) => account.email.toLowerCase() === wanted);
  }

  /** Adds a person, or updates the one with the same `oid` (its email may change, as in Entra). */
  upsert(input: { tid: string; email: string; name?: string; oid?: string }): EntraAccount {
    const account: EntraAccount = {
      tid: input.tid,
      oid: input.oid ?? randomUUID(),
      email: input.email,
      name: input.name ?? input.email.split('@')[0] ?? input.email,
    };
    this.byOid.set(account.oid, account);
    return account;
  }
}
