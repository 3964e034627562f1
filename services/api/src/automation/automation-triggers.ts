import { Injectable } from '@nestjs/common';
import { MessagesService } from '../messages/messages.service';
import { AutomationQueue } from './automation-queue';
import { RulesCache } from './rules-cache';

/** An inbound message as the inbound path knows it: stored now (with its id) or redelivered (by its wamid). */
export type InboundForRules = { tenantId: string; messageId: string } | { tenantId: string; wamid: string };

/**
 * What the inbound path hands the rules: one job per customer message of a workspace that has rules for messages.
 * Redelivered messages are queued again, which adds nothing while the first job is kept and decides nothing twice
 * afterwards (the event's unique key): that is how a crash between storing and queueing is made good.
 */
@Injectable()
export class AutomationTriggers {
  constructor(
    private readonly cache: RulesCache,
    private readonly queue: AutomationQueue,
    private readonly messages: MessagesService,
  ) {}

  async inboundStored(items: readonly InboundForRules[]): Promise<void> {
    const byTenant = new Map<string, InboundForRules[]>();
    for (const item of items) {
      const list = byTenant.get(item.tenantId);
      if (list) list.push(item);
      else byTenant.set(item.tenantId, [item]);
    }
    const jobs: { tenantId: string; messageId: string }[] = [];
    for (const [tenantId, list] of byTenant) {
      if (!(await this.cache.runsOnMessages(tenantId))) continue;
      const wamids = list.flatMap((item) => ('wamid' in item ? [item.wamid] : []));
      const ids = wamids.length > 0 ? await this.messages.idsByWamid(tenantId, wamids) : new Map<string, string>();
      for (const item of list) {
        const messageId = 'messageId' in item ? item.messageId : ids.get(item.wamid);
        if (messageId) jobs.push({ tenantId, messageId });
      }
    }
    await this.queue.messages(jobs);
  }
}
