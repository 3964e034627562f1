import type { Redis } from 'ioredis';

export type ProbeStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: { redis: ProbeStatus };
}

/** Pings Redis, giving up after `timeoutMs` so that a hung connection cannot hang the health check. */
export async function probeRedis(redis: Redis, timeoutMs = 1_000): Promise<ProbeStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(redis: Redis): Promise<HealthReport> {
  const status = await probeRedis(redis);
  return { status: status === 'up' ? 'ok' : 'error', checks: { redis: status } };
}
