import { Injectable } from '@nestjs/common';
import { MessagesService } from '../messages/messages.service';
import { AutomationQueue } from './automation-queue';
import { textOfMessage } from './keywords';
import { type CompiledRule, MESSAGE_TRIGGERS, RulesCache } from './rules-cache';

/** An inbound message as the inbound path knows it: stored now (with its id) or redelivered (by its wamid). */
export type InboundForRules = { tenantId: string; type: string; content: Record<string, unknown> } & (
  { messageId: string } | { wamid: string }
);

/**
 * Whether any of the rules could fire on the message: a keyword trigger whose words it lacks cannot, every other
 * message trigger may (the engine decides with the conversation's facts).
 */
function mayFire(rules: readonly CompiledRule[], item: InboundForRules): boolean {
  return rules.some((r) => {
    const { trigger } = r.rule;
    if (trigger.type !== 'message_received' || !trigger.keywords?.length) return true;
    const text = textOfMessage(item.type, item.content);
    return text !== null && r.matches(text);
  });
}

/**
 * What the inbound path hands the rules: one job per customer message that a rule of its workspace could fire on (most
 * messages of a workspace with only keyword rules need none, which keeps them off the inbound path's cost).
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
      const rules = (await this.cache.rules(tenantId)).filter((r) => MESSAGE_TRIGGERS.has(r.rule.trigger.type));
      if (rules.length === 0) continue;
      const candidates = list.filter((item) => mayFire(rules, item));
      const wamids = candidates.flatMap((item) => ('wamid' in item ? [item.wamid] : []));
      const ids = wamids.length > 0 ? await this.messages.idsByWamid(tenantId, wamids) : new Map<string, string>();
      for (const item of candidates) {
        const messageId = 'messageId' in item ? item.messageId : ids.get(item.wamid);
        if (messageId) jobs.push({ tenantId, messageId });
      }
    }
    await this.queue.messages(jobs);
  }
}
