import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';

/**
 * How long a reaction's target stays announced: far longer than any write can take, and than the retries of a
 * job that failed between its write and its look back.
 */
const ANNOUNCED_MS = 60 * 60 * 1000;

const keyOf = (wamid: string) => `reactions:target:${wamid}`;

/**
 * Which wamids a reaction was stored for lately, so a message's writer looks for one after its commit only when it
 * may have been committed meanwhile (`MessagesService.settleReactions`). Announced before the reaction is written,
 * so a writer checking after its commit sees every reaction that looked for its message too early.
 */
@Injectable()
export class ReactionTargets {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Before the reactions to these wamids are stored. */
  async announce(wamids: readonly string[]): Promise<void> {
    if (wamids.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const wamid of new Set(wamids)) pipeline.set(keyOf(wamid), '1', 'PX', ANNOUNCED_MS);
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  /** Whether a reaction to any of these wamids was announced within the last hour: one round trip. */
  async anyAnnounced(wamids: readonly string[]): Promise<boolean> {
    if (wamids.length === 0) return false;
    return (await this.redis.exists(...wamids.map(keyOf))) > 0;
  }
}
