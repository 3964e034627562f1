import { Injectable, Logger } from '@nestjs/common';
import {
  type AutomationActionResultDto,
  type AutomationEventJob,
  type AutomationMessageJob,
  type AutomationRunOutcome,
} from '@aerostic/shared';
import { Clock } from '../common/clock/clock';
import { type AutomationRule, type AutomationRun, type AutomationSettings, type MessageFacts } from './automation.row';
import { AutomationRepository, type NewRun } from './automation.repository';
import { businessHoursOf } from './automation.service';
import { isOpen } from './business-hours';
import { type ConditionFacts, conditionsHold } from './conditions';
import { textOfMessage } from './keywords';
import { RuleActions } from './rule-actions';
import { type CompiledRule, MESSAGE_TRIGGERS, RulesCache } from './rules-cache';

/** Message types no customer typed: the rules do not run on them. */
const NOT_WRITTEN = new Set(['system', 'reaction', 'unsupported', 'errors']);
/** Evaluated events are remembered this long: longer than Meta retries a webhook. */
const REMEMBER_EVENTS_MS = 8 * 24 * 3_600_000;
/** Waits run out handed over per sweep; the rest wait for the next sweep. */
const SWEEP_BATCH = 1_000;

export function outcomeOf(results: readonly AutomationActionResultDto[]): AutomationRunOutcome {
  const failures = results.filter((r) => r.outcome === 'failed').length;
  if (failures === 0) return 'succeeded';
  return results.some((r) => r.outcome === 'done') ? 'partial' : 'failed';
}

/**
 * Decides which rules an event fires and runs their actions, exactly once per event: the decision is written in one
 * statement under the event's unique key before any action runs, and each action's result is written as it ends, so
 * a redelivery finds the event decided and a retry after a crash resumes at the first action without a result.
 */
@Injectable()
export class AutomationEngine {
  private readonly logger = new Logger(AutomationEngine.name);

  constructor(
    private readonly repository: AutomationRepository,
    private readonly cache: RulesCache,
    private readonly actions: RuleActions,
    private readonly clock: Clock,
  ) {}

  /** A stored inbound customer message. */
  async onMessage(job: AutomationMessageJob): Promise<void> {
    const { tenantId, messageId } = job;
    const eventKey = `message-${messageId}`;
    if (await this.repository.eventRecorded(tenantId, eventKey)) return this.resume(tenantId, eventKey);
    const rules = (await this.cache.rules(tenantId)).filter((r) => MESSAGE_TRIGGERS.has(r.rule.trigger.type));
    if (rules.length === 0) return;
    const facts = await this.repository.messageFacts(tenantId, messageId);
    // Only a customer's own words: never the team's or the bot's messages, nor WhatsApp's system notices.
    if (!facts || facts.direction !== 'inbound' || NOT_WRITTEN.has(facts.type)) return;
    // A rule runs on messages stored after it was created: an old message redelivered does not wake a new rule.
    const candidates = rules.filter((r) => r.rule.createdAt <= facts.createdAt);
    if (candidates.length === 0) return;

    const types = new Set(candidates.map((r) => r.rule.trigger.type));
    const firsts =
      types.has('conversation_created') || types.has('first_contact') ? await this.repository.firsts(facts) : null;
    const settings = await this.cache.settings(tenantId);
    const open = types.has('outside_business_hours') ? isOpen(businessHoursOf(settings), facts.at) : true;
    const text = textOfMessage(facts.type, facts.content);
    const firing = this.firing(candidates, facts, facts.at, settings, ({ rule, matches }) => {
      switch (rule.trigger.type) {
        case 'message_received':
          return rule.trigger.keywords?.length ? text !== null && matches(text) : true;
        case 'conversation_created':
          return firsts?.conversationCreated === true;
        case 'first_contact':
          return firsts?.firstContact === true;
        case 'outside_business_hours':
          return !open;
        default:
          return false;
      }
    });
    await this.fire(tenantId, eventKey, facts, firing, settings);
  }

  /** No reply from the team for a rule's minutes, or a conversation resolved. */
  async onEvent(job: AutomationEventJob): Promise<void> {
    const { tenantId, eventKey } = job;
    if (await this.repository.eventRecorded(tenantId, eventKey)) return this.resume(tenantId, eventKey);
    const now = this.clock.now();
    const rules = (await this.cache.rules(tenantId)).filter(
      (r) =>
        r.rule.trigger.type === job.trigger &&
        (job.ruleId === undefined || r.rule.id === job.ruleId) &&
        r.rule.createdAt <= now,
    );
    if (rules.length === 0) return;
    const facts = await this.repository.conversationFacts(tenantId, job.conversationId, job.messageId);
    if (!facts) return;
    const settings = await this.cache.settings(tenantId);
    await this.fire(
      tenantId,
      eventKey,
      facts,
      this.firing(rules, facts, now, settings, () => true),
      settings,
    );
  }

  /** Looks for waits that ran out and queues one event per rule and unanswered message; forgets old events. */
  async sweep(enqueue: (job: AutomationEventJob) => Promise<void>): Promise<number> {
    const now = this.clock.now();
    const waits = await this.repository.unansweredWaits(now, SWEEP_BATCH);
    for (const wait of waits) {
      await enqueue({
        tenantId: wait.tenantId,
        trigger: 'no_reply',
        conversationId: wait.conversationId,
        ruleId: wait.ruleId,
        messageId: wait.messageId,
        eventKey: `no_reply-${wait.ruleId}-${wait.messageId}`,
      });
    }
    await this.repository.forgetEvents(new Date(now.getTime() - REMEMBER_EVENTS_MS), 10_000);
    return waits.length;
  }

  /** The rules whose trigger matched and whose conditions hold, in order, up to the first that stops the rest. */
  private firing(
    rules: readonly CompiledRule[],
    facts: MessageFacts,
    at: Date,
    settings: AutomationSettings,
    triggered: (rule: CompiledRule) => boolean,
  ): AutomationRule[] {
    const conditionFacts: ConditionFacts = {
      whatsappAccountId: facts.whatsappAccountId,
      status: facts.status,
      assigneeId: facts.assigneeId,
      tags: facts.tags,
      attributes: facts.attributes,
      messageType: facts.type,
      at,
      timeZone: settings.tenantTimeZone,
    };
    const fired: AutomationRule[] = [];
    for (const compiled of rules) {
      if (!triggered(compiled) || !conditionsHold(compiled.rule.conditions, conditionFacts)) continue;
      fired.push(compiled.rule);
      if (compiled.rule.stopAfter) break;
    }
    return fired;
  }

  private async fire(
    tenantId: string,
    eventKey: string,
    facts: MessageFacts,
    rules: readonly AutomationRule[],
    settings: AutomationSettings,
  ): Promise<void> {
    if (rules.length === 0) return;
    const runs = await this.repository.recordEvent(
      tenantId,
      eventKey,
      rules.map((rule): NewRun => ({
        rule,
        conversationId: facts.conversationId,
        messageId: facts.messageId,
        trigger: rule.trigger.type,
      })),
    );
    // Decided by an earlier delivery or try: finish what it started, decide nothing again.
    if (!runs) return this.resume(tenantId, eventKey);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const run of runs) await this.execute(run, byId.get(run.ruleId ?? '') ?? null, settings);
  }

  private async resume(tenantId: string, eventKey: string): Promise<void> {
    const runs = await this.repository.unfinishedRuns(tenantId, eventKey);
    if (runs.length === 0) return;
    const settings = await this.cache.settings(tenantId);
    for (const run of runs) {
      const rule = run.ruleId ? await this.repository.findRule(tenantId, run.ruleId) : null;
      await this.execute(run, rule, settings);
    }
  }

  /** Runs the actions that have no result yet, recording each result as it ends, then the run's outcome. */
  private async execute(run: AutomationRun, rule: AutomationRule | null, settings: AutomationSettings): Promise<void> {
    if (!rule || !run.conversationId) {
      await this.repository.finishRun(run.tenantId, run.id, 'failed');
      return;
    }
    const results = [...run.actions];
    let last: { index: number; result: AutomationActionResultDto } | undefined;
    for (let index = results.length; index < rule.actions.length; index++) {
      const result = await this.actions.run(rule.actions[index]!, {
        tenantId: run.tenantId,
        rule,
        run,
        index,
        conversationId: run.conversationId,
        messageId: run.messageId,
        settings,
      });
      results.push(result);
      // The last result is written with the outcome: the run ends in one statement.
      if (index < rule.actions.length - 1)
        await this.repository.recordActionResult(run.tenantId, run.id, index, result);
      else last = { index, result };
    }
    const finished = await this.repository.finishRun(run.tenantId, run.id, outcomeOf(results), last);
    if (finished) this.logger.debug({ runId: run.id, ruleId: rule.id, outcome: finished.outcome }, 'Rule ran');
  }
}
