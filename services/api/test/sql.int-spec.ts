import { int, text } from '../src/database/columns';
import { Contact } from '../src/database/entities';
import { Sql, Transactions } from '../src/database/sql';
import { TenantScope } from '../src/database/tenant-scope';
import { registerTenant, type Member } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(Transactions.name, () => {
  let t: TestApp;
  let sql: Sql;
  let transactions: Transactions;
  let admin: Member;
  let seq = 0;
  const waId = () => `4477031${String(++seq).padStart(5, '0')}`;

  beforeAll(async () => {
    t = await createTestApp();
    sql = t.app.get(Sql);
    transactions = t.app.get(Transactions);
    admin = await registerTenant(t, 'Sql Co');
  });
  afterAll(() => t.close());

  /** The API's statements see the scope's tenant only (docs/adr/0204). */
  const inTenant = <T>(work: () => Promise<T>) => TenantScope.forTenant(admin.tenantId, work);

  const insertContact = (number: string) =>
    sql.query(
      `INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING wa_id`,
      [admin.tenantId, number],
      (row) => text(row, 'wa_id'),
    );
  const exists = async (number: string) =>
    (await t.sql(`SELECT 1 FROM contacts WHERE tenant_id = $1 AND wa_id = $2`, [admin.tenantId, number])).length === 1;

  it('should commit every write made inside run together when the work resolves', () =>
    inTenant(async () => {
      const [a, b] = [waId(), waId()];

      await transactions.run(async () => {
        await insertContact(a);
        await sql.tenantTable(Contact).save({ tenantId: admin.tenantId, waId: b });
      });

      expect([await exists(a), await exists(b)]).toEqual([true, true]);
    }));

  it('should roll back every write made inside run, raw SQL and TypeORM alike, when the work throws', () =>
    inTenant(async () => {
      const [a, b] = [waId(), waId()];

      await expect(
        transactions.run(async () => {
          await insertContact(a);
          await sql.tenantTable(Contact).save({ tenantId: admin.tenantId, waId: b });
          throw new Error('the change it describes failed');
        }),
      ).rejects.toThrow('the change it describes failed');

      expect([await exists(a), await exists(b)]).toEqual([false, false]);
    }));

  it('should join the outer transaction when run is called inside run, so an inner failure undoes the outer writes', () =>
    inTenant(async () => {
      const [outer, inner] = [waId(), waId()];

      await expect(
        transactions.run(async () => {
          await insertContact(outer);
          await transactions.run(async () => {
            await insertContact(inner);
            throw new Error('inner failed');
          });
        }),
      ).rejects.toThrow('inner failed');

      expect([await exists(outer), await exists(inner)]).toEqual([false, false]);
    }));

  it('should decode every row a statement answers and count the rows another touches', () =>
    inTenant(async () => {
      const numbers = [waId(), waId(), waId()];
      for (const number of numbers) await insertContact(number);

      const decoded = await sql.query(
        `SELECT wa_id, length(wa_id)::int AS digits FROM contacts WHERE wa_id = ANY($1) ORDER BY wa_id`,
        [numbers],
        (row) => ({ waId: text(row, 'wa_id'), digits: int(row, 'digits') }),
      );
      const touched = await sql.execute(`UPDATE contacts SET name = 'Renamed' WHERE wa_id = ANY($1)`, [numbers]);

      expect(decoded).toEqual(numbers.map((number) => ({ waId: number, digits: 12 })));
      expect(touched).toBe(3);
    }));

  it('should run a named prepared statement again and again, inside the transaction when there is one', () =>
    inTenant(async () => {
      const [kept, undone] = [waId(), waId()];
      const insert = (number: string) =>
        sql.prepared(
          'test-insert-contact',
          `INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING wa_id`,
          [admin.tenantId, number],
          (row) => text(row, 'wa_id'),
        );

      expect(await insert(kept)).toEqual([kept]);
      await expect(
        transactions.run(async () => {
          await insert(undone);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');

      expect([await exists(kept), await exists(undone)]).toEqual([true, false]);
    }));

  it('should refuse a decoder’s column of the wrong type, naming the column', () =>
    inTenant(async () => {
      await expect(sql.query(`SELECT 42 AS wa_id`, [], (row) => text(row, 'wa_id'))).rejects.toThrow(
        'Column wa_id should be text, got number',
      );
    }));

  it('should change only the named tenant’s rows, and not type-check a read or write that names no tenant', () =>
    inTenant(async () => {
      const other = await registerTenant(t, 'Other Sql Co');
      const [mine, theirs] = [waId(), waId()];
      await t.sql(`INSERT INTO contacts (tenant_id, wa_id, name) VALUES ($1, $2, 'Shared'), ($3, $4, 'Shared')`, [
        admin.tenantId,
        mine,
        other.tenantId,
        theirs,
      ]);
      const contacts = sql.tenantTable(Contact);

      const changed = await contacts.update({ tenantId: admin.tenantId, name: 'Shared' }, { name: 'Changed' });

      expect(changed).toBe(1);
      expect((await t.sql(`SELECT name FROM contacts WHERE wa_id = $1`, [theirs]))[0]?.name).toBe('Shared');
      // Checked by the type-check (npm run typecheck), never run: each line fails to compile without its tenant.
      const unscoped = () => [
        // @ts-expect-error: an update must name the tenant
        contacts.update({ name: 'Shared' }, { name: 'Changed' }),
        // @ts-expect-error: a read must name the tenant
        contacts.findOne({ waId: theirs }),
        // @ts-expect-error: a delete must name the tenant
        contacts.delete({ id: 'any' }),
      ];
      expect(unscoped).toBeInstanceOf(Function);
    }));
});
