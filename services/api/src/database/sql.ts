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

/** The transaction the current call runs in, if any: repositories join it without being handed a manager. */
const transactions = new AsyncLocalStorage<EntityManager>();

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
    if (transactions.getStore()) return work();
    return this.dataSource.transaction((manager) => transactions.run(manager, work));
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

  private get repo(): Repository<E> {
    return this.sql.manager.getRepository(this.entity);
  }

  findOne(where: TenantWhere<E>, relations?: FindOptionsRelations<E>): Promise<E | null> {
    return this.repo.findOne({ where, relations });
  }

  find(where: TenantWhere<E>, order?: FindOptionsOrder<E>): Promise<E[]> {
    return this.repo.find({ where, order });
  }

  count(where: TenantWhere<E>): Promise<number> {
    return this.repo.countBy(where);
  }

  /** Inserts a row, or updates the one whose id it carries; answers it as stored (defaults filled in). */
  save(values: DeepPartial<E> & { tenantId: string }): Promise<E> {
    return this.repo.save(this.repo.create(values));
  }

  /** Answers how many rows changed. */
  async update(where: TenantWhere<E>, changes: QueryDeepPartialEntity<E>): Promise<number> {
    return (await this.repo.update(where, changes)).affected ?? 0;
  }

  async delete(where: TenantWhere<E>): Promise<number> {
    return (await this.repo.delete(where)).affected ?? 0;
  }

  /** A query builder already filtered on the tenant (`<alias>.tenant_id`). */
  select(alias: string, tenantId: string): SelectQueryBuilder<E> {
    return this.repo.createQueryBuilder(alias).where(`${alias}.tenant_id = :tenantId`, { tenantId });
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

  /** The current transaction's manager, or the pool's. */
  get manager(): EntityManager {
    return transactions.getStore() ?? this.dataSource.manager;
  }

  tenantTable<E extends ObjectLiteral & { tenantId: string }>(entity: EntityTarget<E>): TenantTable<E> {
    return new TenantTable(this, entity);
  }

  /** A plain TypeORM repository, for tables that belong to no tenant (tenants) or reads that cross tenants. */
  table<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
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
      // QueryRunner.connect() answers the driver's connection, on which pg's named statements are public API.
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

  /** The current transaction's query runner, or one of the pool's for this call only. */
  private async withRunner<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const manager = transactions.getStore();
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      if (!manager) await runner.release();
    }
  }
}
