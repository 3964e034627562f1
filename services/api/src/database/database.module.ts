import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { DatabaseHealth } from './database-health';
import { dataSourceOptions } from './data-source-options';
import { Sql, Transactions } from './sql';

/** The connection to PostgreSQL: `Sql` for repositories, `Transactions` for services, `DatabaseHealth` for /health. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.DATABASE_URL, config.DATABASE_CA_FILE),
    }),
  ],
  providers: [Sql, Transactions, DatabaseHealth],
  exports: [Sql, Transactions, DatabaseHealth],
})
export class DatabaseModule {}
