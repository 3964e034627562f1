import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { type PoolClient } from 'pg';
import {
  DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsRelations,
  type FindOptionsWhere,
  type ObjectLiteral,
  type QueryRunner,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CROSS_TENANT_SETTING, TENANT_SETTING } from './tenant-scope-settings';
import { currentSettings } from './tenant-scope';

/** The transaction the current call runs in, and the scope settings it runs with. */
interface Transaction {
  manager: EntityManager;
  settings: readonly [string, string];
}

/** The transaction the current call runs in, if any: repositories join it without being handed a manager. */
const transactions = new AsyncLocalStorage<Transaction>();

/** The scope settings each pooled connection carries at session level (set at checkout, docs/adr/0205). */
const sessionSettings = new WeakMap<object, string>();

const SET_SETTINGS = (local: boolean): string =>
  `SELECT set_config('${TENANT_SETTING}', $1, ${local}), set_config('${CROSS_TENANT_SETTING}', $2, ${local})`;

/** Thrown when work in one scope joins a transaction begun in another: its statements would run in the wrong one. */
export class ScopeChangedInTransactionError extends Error {
  constructor() {
    super('A transaction runs in the tenant scope it began in; begin another one for another scope');
  }
}

/** What a PostgreSQL query runner's connection is: a `pg` client. */
type PgConnection = Pick<PoolClient, 'query'>;

/** A row as PostgreSQL answers it (snake_case columns); each owning module has one decoder per table. */
export type Row = Record<string, unknown>;

/**
 * The one way services group writes: everything the repositories do inside `run` is one transaction, committed
 * when `work` resolves and rolled back when it throws. A `run` inside another joins the outer one.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const current = transactions.getStore();
    if (current) {
      assertSameScope(current);
      return work();
    }
    const settings = currentSettings();
    return this.dataSource.transaction(async (manager) => {
      // The first statement: the policies read these until the transaction ends.
      await manager.query(SET_SETTINGS(true), [...settings]);
      return transactions.run({ manager, settings }, work);
    });
  }
}

/** A tenant table's filter: naming the tenant is required, so an unscoped read or write does not type-check. */
export type TenantWhere<E> = FindOptionsWhere<E> & { tenantId: string };

/**
 * TypeORM's repository operations on a table whose rows belong to a tenant, each requiring the tenant in its filter.
 * Repositories of tenant tables use this instead of a plain TypeORM repository.
 */
export class TenantTable<E extends ObjectLiteral & { tenantId: string }> {
  constructor(
    private readonly sql: Sql,
    private readonly entity: EntityTarget<E>,
  ) {}

  private with<T>(work: (repo: Repository<E>) => Promise<T>): Promise<T> {
    return this.sql.table(this.entity, work);
  }

  findOne(where: TenantWhere<E>, relations?: FindOptionsRelations<E>): Promise<E | null> {
    return this.with((repo) => repo.findOne({ where, relations }));
  }

  find(where: TenantWhere<E>, order?: FindOptionsOrder<E>): Promise<E[]> {
    return this.with((repo) => repo.find({ where, order }));
  }

  count(where: TenantWhere<E>): Promise<number> {
    return this.with((repo) => repo.countBy(where));
  }

  /** Inserts a row, or updates the one whose id it carries; answers it as stored (defaults filled in). */
  save(values: DeepPartial<E> & { tenantId: string }): Promise<E> {
    return this.with((repo) => repo.save(repo.create(values)));
  }

  /** Answers how many rows changed. */
  update(where: TenantWhere<E>, changes: QueryDeepPartialEntity<E>): Promise<number> {
    return this.with(async (repo) => (await repo.update(where, changes)).affected ?? 0);
  }

  delete(where: TenantWhere<E>): Promise<number> {
    return this.with(async (repo) => (await repo.delete(where)).affected ?? 0);
  }

  /**
   * Runs `read` on a query builder already filtered on the tenant (`<alias>.tenant_id`), on a connection carrying
   * the current scope: the builder is only good inside `read`.
   */
  select<T>(alias: string, tenantId: string, read: (qb: SelectQueryBuilder<E>) => Promise<T>): Promise<T> {
    return this.with((repo) =>
      read(repo.createQueryBuilder(alias).where(`${alias}.tenant_id = :tenantId`, { tenantId })),
    );
  }
}

/**
 * How repositories reach PostgreSQL, inside the current transaction if there is one: tenant tables through
 * `tenantTable`, and raw SQL (welcome where it wins) through `query`, whose rows the table's decoder turns into
 * entities. Only repositories receive it; services use `Transactions`.
 */
@Injectable()
export class Sql {
  constructor(private readonly dataSource: DataSource) {}

  tenantTable<E extends ObjectLiteral & { tenantId: string }>(entity: EntityTarget<E>): TenantTable<E> {
    return new TenantTable(this, entity);
  }

  /**
   * Runs `work` on a plain TypeORM repository, for tables that belong to no tenant (tenants) or reads that cross
   * tenants, on a connection carrying the current scope: the repository is only good inside `work`.
   */
  table<E extends ObjectLiteral, T>(entity: EntityTarget<E>, work: (repo: Repository<E>) => Promise<T>): Promise<T> {
    return this.withRunner((runner) => work(runner.manager.getRepository(entity)));
  }

  /** Runs one statement and decodes the rows it answers (RETURNING rows for INSERT, UPDATE and DELETE). */
  async query<R>(text: string, params: readonly unknown[], decode: (row: Row) => R): Promise<R[]> {
    return (await this.run(text, params)).rows.map(decode);
  }

  /**
   * Like `query`, as a named prepared statement: PostgreSQL parses and plans it once per connection instead of at
   * every call. For the inbound path's statements, which run for every batch. `name` must always name `text`.
   */
  prepared<R>(name: string, text: string, params: readonly unknown[], decode: (row: Row) => R): Promise<R[]> {
    return this.withRunner(async (runner) => {
      // The driver's connection, on which pg's named statements are public API.
      const connection = (await runner.connect()) as PgConnection;
      const result = await connection.query({ name, text, values: [...params] });
      return result.rows.map(decode);
    });
  }

  /** Runs one statement that answers no rows of interest; answers how many rows it touched. */
  async execute(text: string, params: readonly unknown[]): Promise<number> {
    return (await this.run(text, params)).affected;
  }

  private run(text: string, params: readonly unknown[]): Promise<{ rows: Row[]; affected: number }> {
    return this.withRunner(async (runner) => {
      const result = await runner.query(text, [...params], true);
      const rows = result.records as Row[];
      return { rows, affected: result.affected ?? rows.length };
    });
  }

  /**
   * The current transaction's query runner, or one of the pool's for this call only, its connection carrying the
   * current scope's settings: a connection never takes a previous user's into a statement.
   */
  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const transaction = transactions.getStore();
    const runner = transaction?.manager.queryRunner;
    if (transaction && runner) {
      assertSameScope(transaction);
      return work(runner);
    }
    const own = this.dataSource.createQueryRunner();
    try {
      // QueryRunner.connect() answers the driver's connection, a `pg` client that outlives this checkout.
      const connection = (await own.connect()) as PgConnection;
      const settings = currentSettings();
      const key = settings.join('\n');
      if (sessionSettings.get(connection) !== key) {
        // Forgotten first, so that a failure here leaves the connection to be set again at its next checkout.
        sessionSettings.delete(connection);
        await connection.query(SET_SETTINGS(false), [...settings]);
        sessionSettings.set(connection, key);
      }
      return await work(own);
    } finally {
      await own.release();
    }
  }
}

function assertSameScope(transaction: Transaction): void {
  const [tenantId, crossTenant] = currentSettings();
  if (transaction.settings[0] !== tenantId || transaction.settings[1] !== crossTenant) {
    throw new ScopeChangedInTransactionError();
  }
}
