import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { Sql, Transactions } from './sql';

/** The connection to PostgreSQL: `Sql` for repositories, `Transactions` for services. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.DATABASE_URL),
    }),
  ],
  providers: [Sql, Transactions],
  exports: [Sql, Transactions],
})
export class DatabaseModule {}
