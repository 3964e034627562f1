import { Injectable } from '@nestjs/common';
import { Sql } from './sql';

/** Whether PostgreSQL answers, for `/health`. */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly sql: Sql) {}

  async ping(): Promise<void> {
    await this.sql.execute('SELECT 1', []);
  }
}
