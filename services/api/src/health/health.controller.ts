import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type HealthDto } from '@aerostic/shared';
import { type Response } from 'express';
import { Redis } from 'ioredis';
import { Public } from '../auth/public.decorator';
import { REDIS } from '../common/redis/redis.module';
import { DatabaseHealth } from '../database/database-health';

const CHECK_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when PostgreSQL and Redis both answer, 503 naming the one that does not. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      within(this.database.ping()).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.redis.ping()).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    const ok = database === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks: { database, redis } };
  }
}
