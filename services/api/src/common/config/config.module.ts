import { Global, Module } from '@nestjs/common';
import { apiEnvSchema, parseEnv } from '@aerostic/shared';
import { APP_CONFIG } from './app-config';

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => parseEnv(apiEnvSchema) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
