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
 * Tells the writers of messages which wamids a reaction was stored for lately, so that they look for a reaction
 * after their own commit only when one may have been committed meanwhile (see `MessagesService.settleReactions`).
 *
 * A reaction's target is announced before the reaction is written, so a message's writer that checks after its
 * commit sees the announcement whenever the reaction's side looked for the message too early to see it.
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
