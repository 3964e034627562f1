import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { EnvError } from '@aerostic/shared';
import { RedisCredentialsError } from '@aerostic/shared/node';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { APP_CONFIG, type AppConfig } from './common/config/app-config';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    // Stripe's webhook signature is over the exact bytes received (req.rawBody).
    rawBody: true,
  });
  setupApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.API_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // A configuration error reads as one line; anything else keeps its stack.
  console.error(error instanceof EnvError || error instanceof RedisCredentialsError ? error.message : error);
  process.exit(1);
});
