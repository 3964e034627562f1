import { queuePrefix } from '@aerostic/shared';
import { type ConnectionOptions } from 'bullmq';
import { type AppConfig } from '../config/app-config';

/**
 * Options for a BullMQ Queue or Worker. BullMQ opens, and closes, its own connection from them (a connection
 * passed in as an instance would be left open). Workers block on it, so requests never time out.
 */
export function queueOptions(config: AppConfig): { connection: ConnectionOptions; prefix: string } {
  return {
    connection: { url: config.REDIS_URL, maxRetriesPerRequest: null, enableReadyCheck: false },
    prefix: queuePrefix(config.REDIS_PREFIX),
  };
}
