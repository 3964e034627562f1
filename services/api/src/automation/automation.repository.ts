import { Injectable } from '@nestjs/common';
import {
  type AutomationActionResultDto,
  type AutomationRunOutcome,
  type AutomationTriggerType,
  type BusinessHoursBody,
} from '@aerostic/shared';
import { type KeysetPosition } from '../common/pagination/keyset';
import { bool, text } from '../database/columns';
import { type Template } from '../database/entities';
import { SqlParams } from '../database/sql-text';
import { Sql } from '../database/sql';
import { decodeTemplate } from '../templates/template.row';
import {
  type AutomationRule,
  type AutomationRun,
  type AutomationSettings,
  decodeMessageFacts,
  decodeRule,
  decodeRun,
  decodeSettings,
  type MessageFacts,
} from './automation.row';

export type RuleValues = Pick<
  AutomationRule,
  'name' | 'enabled' | 'position' | 'stopAfter' | 'trigger' | 'conditions' | 'actions'
>;

/** A run to record for an event: the rule that fires and what it fires on. */
export interface NewRun {
  rule: AutomationRule;
  conversationId: string;
  messageId: string | null;
  trigger: AutomationTriggerType;
}

/** A customer's message the team left without an answer past a no_reply rule's wait. */
export interface UnansweredWait {
  tenantId: string;
  ruleId: string;
  conversationId: string;
  messageId: string;
}

/** How far back the no-reply sweep looks past a rule's wait: a sweep that stopped a while still finds them. */
const NO_REPLY_LOOKBACK = `interval '24 hours'`;

/** The only writer of `automation_rules`, `automation_runs`, `automation_events` and `automation_settings`. */
@Injectable()
export class AutomationRepository {
  constructor(private readonly sql: Sql) {}

  /** In the order they run: position, then creation. */
  listRules(tenantId: string, enabledOnly = false): Promise<AutomationRule[]> {
    return this.sql.query(
      `SELECT * FROM automation_rules WHERE tenant_id = $1 ${enabledOnly ? 'AND enabled' : ''}
       ORDER BY position, created_at, id`,
      [tenantId],
      decodeRule,
    );
  }

  async countRules(tenantId: string): Promise<number> {
    const [n] = await this.sql.query(
      `SELECT count(*)::int AS n FROM automation_rules WHERE tenant_id = $1`,
      [tenantId],
      (row) => Number(row['n']),
    );
    return n ?? 0;
  }

  async findRule(tenantId: string, id: string): Promise<AutomationRule | null> {
    const [rule] = await this.sql.query(
      `SELECT * FROM automation_rules WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeRule,
    );
    return rule ?? null;
  }

  /** Without a position the rule goes last. */
  async insertRule(
    tenantId: string,
    values: Omit<RuleValues, 'position'> & { position?: number },
  ): Promise<AutomationRule> {
    const [rule] = await this.sql.query(
      `INSERT INTO automation_rules (tenant_id, name, enabled, position, stop_after, trigger, conditions, actions)
       VALUES ($1, $2, $3, COALESCE($4, (SELECT COALESCE(max(position) + 1, 0) FROM automation_rules WHERE tenant_id = $1)),
         $5, $6, $7, $8)
       RETURNING *`,
      [
        tenantId,
        values.name,
        values.enabled,
        values.position ?? null,
        values.stopAfter,
        JSON.stringify(values.trigger),
        JSON.stringify(values.conditions),
        JSON.stringify(values.actions),
      ],
      decodeRule,
    );
    return rule!;
  }

  async updateRule(tenantId: string, id: string, values: RuleValues): Promise<AutomationRule | null> {
    const [rule] = await this.sql.query(
      `UPDATE automation_rules SET name = $3, enabled = $4, position = $5, stop_after = $6, trigger = $7,
         conditions = $8, actions = $9, updated_at = now()
       WHERE tenant_id = $1 AND id = $2
       RETURNING *`,
      [
        tenantId,
        id,
        values.name,
        values.enabled,
        values.position,
        values.stopAfter,
        JSON.stringify(values.trigger),
        JSON.stringify(values.conditions),
        JSON.stringify(values.actions),
      ],
      decodeRule,
    );
    return rule ?? null;
  }

  async deleteRule(tenantId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.execute(`DELETE FROM automation_rules WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) > 0
    );
  }

  async settings(tenantId: string): Promise<AutomationSettings> {
    const [settings] = await this.sql.query(
      `SELECT t.time_zone AS tenant_time_zone, COALESCE(s.max_automated_messages_per_hour, 10) AS max_automated_messages_per_hour,
         s.hours_time_zone, s.weekly_hours, COALESCE(s.holidays, '[]'::jsonb) AS holidays
       FROM tenants t LEFT JOIN automation_settings s ON s.tenant_id = t.id
       WHERE t.id = $1`,
      [tenantId],
      decodeSettings,
    );
    if (!settings) throw new Error(`Tenant ${tenantId} not found`);
    return settings;
  }

  async saveBusinessHours(tenantId: string, hours: BusinessHoursBody): Promise<void> {
    await this.sql.execute(
      `INSERT INTO automation_settings (tenant_id, hours_time_zone, weekly_hours, holidays) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET hours_time_zone = $2, weekly_hours = $3, holidays = $4, updated_at = now()`,
      [tenantId, hours.timeZone, JSON.stringify(hours.weekly), JSON.stringify(hours.holidays)],
    );
  }

  async saveCap(tenantId: string, maxAutomatedMessagesPerHour: number): Promise<void> {
    await this.sql.execute(
      `INSERT INTO automation_settings (tenant_id, max_automated_messages_per_hour) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET max_automated_messages_per_hour = $2, updated_at = now()`,
      [tenantId, maxAutomatedMessagesPerHour],
    );
  }

  /** Newest first. */
  listRunsPage(
    tenantId: string,
    filter: { ruleId?: string; conversationId?: string },
    after: KeysetPosition | null,
    take: number,
  ): Promise<AutomationRun[]> {
    const params = new SqlParams();
    const where = [`tenant_id = ${params.add(tenantId)}`];
    if (filter.ruleId) where.push(`rule_id = ${params.add(filter.ruleId)}`);
    if (filter.conversationId) where.push(`conversation_id = ${params.add(filter.conversationId)}`);
    if (after) where.push(`(created_at, id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    return this.sql.query(
      `SELECT * FROM automation_runs WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, id DESC LIMIT ${params.add(take)}`,
      params.values,
      decodeRun,
    );
  }

  /**
   * Records that the event was evaluated, with one run per rule that fires, in one statement; answers the runs in
   * firing order, or null when the event was recorded before (a redelivery or a retry): then nothing is written.
   */
  async recordEvent(tenantId: string, eventKey: string, runs: readonly NewRun[]): Promise<AutomationRun[] | null> {
    const rows = await this.sql.query(
      `WITH marker AS (
         INSERT INTO automation_events (tenant_id, event_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1
       )
       INSERT INTO automation_runs (tenant_id, rule_id, rule_name, conversation_id, message_id, trigger, event_key,
         created_at)
       SELECT $1, r.rule_id, r.rule_name, r.conversation_id, r.message_id, r.trigger, $2,
         now() + r.ord * interval '1 millisecond'
       FROM jsonb_to_recordset($3::jsonb) AS r(ord int, rule_id uuid, rule_name text, conversation_id uuid,
         message_id uuid, trigger text)
       WHERE EXISTS (SELECT 1 FROM marker)
       ORDER BY r.ord
       ON CONFLICT ON CONSTRAINT automation_runs_event_key DO NOTHING
       RETURNING *`,
      [
        tenantId,
        eventKey,
        JSON.stringify(
          runs.map((run, ord) => ({
            ord,
            rule_id: run.rule.id,
            rule_name: run.rule.name,
            conversation_id: run.conversationId,
            message_id: run.messageId,
            trigger: run.trigger,
          })),
        ),
      ],
      decodeRun,
    );
    if (rows.length === 0) return null;
    return rows.sort((a, b) => +a.createdAt - +b.createdAt);
  }

  /** The event's runs that have not finished (a crash or a failure stopped them), in firing order. */
  unfinishedRuns(tenantId: string, eventKey: string): Promise<AutomationRun[]> {
    return this.sql.query(
      `SELECT * FROM automation_runs WHERE tenant_id = $1 AND event_key = $2 AND outcome IS NULL
       ORDER BY created_at, id`,
      [tenantId, eventKey],
      decodeRun,
    );
  }

  /** Whether the event was evaluated already. */
  async eventRecorded(tenantId: string, eventKey: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM automation_events WHERE tenant_id = $1 AND event_key = $2`,
      [tenantId, eventKey],
      () => true,
    );
    return rows.length > 0;
  }

  /** Appends action `index`'s result; nothing when it is recorded already (a retry of the same action). */
  async recordActionResult(
    tenantId: string,
    runId: string,
    index: number,
    result: AutomationActionResultDto,
  ): Promise<void> {
    await this.sql.execute(
      `UPDATE automation_runs SET actions = actions || jsonb_build_array($4::jsonb), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND jsonb_array_length(actions) = $3`,
      [tenantId, runId, index, JSON.stringify(result)],
    );
  }

  /**
   * Ends the run with its outcome, and with its last action's result when `last` is given (appended unless recorded
   * already), in one statement. Answers null when the run had finished already.
   */
  async finishRun(
    tenantId: string,
    runId: string,
    outcome: AutomationRunOutcome,
    last?: { index: number; result: AutomationActionResultDto },
  ): Promise<AutomationRun | null> {
    const [run] = await this.sql.query(
      `UPDATE automation_runs SET
         actions = CASE WHEN $4::jsonb IS NOT NULL AND jsonb_array_length(actions) = $5
           THEN actions || jsonb_build_array($4::jsonb) ELSE actions END,
         outcome = $3, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND outcome IS NULL RETURNING *`,
      [tenantId, runId, outcome, last ? JSON.stringify(last.result) : null, last?.index ?? null],
      decodeRun,
    );
    return run ?? null;
  }

  /** A stored message with its conversation and contact as they are now. */
  async messageFacts(tenantId: string, messageId: string): Promise<MessageFacts | null> {
    const [facts] = await this.sql.prepared(
      'automation-message-facts',
      `SELECT m.id, m.tenant_id, m.direction, m.type, m.content, m.sent_at, m.created_at, m.conversation_id,
         c.whatsapp_account_id, c.status, c.assignee_id, c.last_inbound_at, c.contact_id, ct.tags, ct.attributes
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id AND c.tenant_id = m.tenant_id
       JOIN contacts ct ON ct.id = c.contact_id
       WHERE m.tenant_id = $1 AND m.id = $2`,
      [tenantId, messageId],
      decodeMessageFacts,
    );
    return facts ?? null;
  }

  /** A conversation's facts for an event that is not a message: its latest inbound message stands for the message. */
  async conversationFacts(tenantId: string, conversationId: string, messageId?: string): Promise<MessageFacts | null> {
    const [facts] = await this.sql.query(
      `SELECT m.id, c.tenant_id, m.direction, m.type, m.content, m.sent_at, m.created_at, c.id AS conversation_id,
         c.whatsapp_account_id, c.status, c.assignee_id, c.last_inbound_at, c.contact_id, ct.tags, ct.attributes
       FROM conversations c
       JOIN contacts ct ON ct.id = c.contact_id
       CROSS JOIN LATERAL (
         SELECT * FROM messages x
         WHERE x.conversation_id = c.id AND x.direction = 'inbound' AND ($3::uuid IS NULL OR x.id = $3::uuid)
         ORDER BY x.created_at DESC, x.id DESC LIMIT 1
       ) m
       WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, conversationId, messageId ?? null],
      decodeMessageFacts,
    );
    return facts ?? null;
  }

  /**
   * Whether the message opened its conversation (no message before it there), and whether it is the contact's first
   * message ever (no inbound message before it in any of the contact's conversations).
   */
  async firsts(facts: MessageFacts): Promise<{ conversationCreated: boolean; firstContact: boolean }> {
    const [firsts] = await this.sql.prepared(
      'automation-message-firsts',
      `SELECT NOT EXISTS (
           SELECT 1 FROM messages p WHERE p.conversation_id = $2 AND (p.created_at, p.id) < ($4, $5::uuid)
         ) AS conversation_created,
         NOT EXISTS (
           SELECT 1 FROM conversations c JOIN messages p ON p.conversation_id = c.id
           WHERE c.tenant_id = $1 AND c.contact_id = $3 AND p.direction = 'inbound' AND (p.created_at, p.id) < ($4, $5::uuid)
         ) AS first_contact`,
      [facts.tenantId, facts.conversationId, facts.contactId, facts.createdAt, facts.messageId],
      (row) => ({ conversationCreated: bool(row, 'conversation_created'), firstContact: bool(row, 'first_contact') }),
    );
    return firsts!;
  }

  /**
   * Customers' messages left without an answer from a person past an enabled no_reply rule's wait (and within a day
   * after it), not yet evaluated for that rule; messages from before the rule existed are not its business.
   */
  unansweredWaits(now: Date, limit: number): Promise<UnansweredWait[]> {
    return this.sql.query(
      `SELECT r.tenant_id, r.id AS rule_id, c.id AS conversation_id, last.id AS message_id
       FROM automation_rules r
       CROSS JOIN LATERAL (SELECT $1::timestamptz - make_interval(mins => (r.trigger ->> 'minutes')::int) AS due) w
       JOIN conversations c ON c.tenant_id = r.tenant_id AND c.last_message_at >= w.due - ${NO_REPLY_LOOKBACK}
         AND c.last_inbound_at <= w.due AND c.last_inbound_at > w.due - ${NO_REPLY_LOOKBACK}
       CROSS JOIN LATERAL (
         SELECT m.id, m.created_at FROM messages m
         WHERE m.conversation_id = c.id AND m.direction = 'inbound'
         ORDER BY m.created_at DESC, m.id DESC LIMIT 1
       ) last
       WHERE r.enabled AND r.trigger_type = 'no_reply' AND last.created_at >= r.created_at
         AND NOT EXISTS (
           SELECT 1 FROM messages o WHERE o.conversation_id = c.id AND o.direction = 'outbound'
             AND o.automated_by IS NULL AND o.created_at > last.created_at)
         AND NOT EXISTS (
           SELECT 1 FROM automation_events e
           WHERE e.tenant_id = r.tenant_id AND e.event_key = 'no_reply-' || r.id || '-' || last.id)
       LIMIT $2`,
      [now, limit],
      (row) => ({
        tenantId: text(row, 'tenant_id'),
        ruleId: text(row, 'rule_id'),
        conversationId: text(row, 'conversation_id'),
        messageId: text(row, 'message_id'),
      }),
    );
  }

  /** Forgets evaluated events older than `before`, a batch at a time; answers how many. */
  forgetEvents(before: Date, limit: number): Promise<number> {
    return this.sql.execute(
      `DELETE FROM automation_events WHERE ctid IN (
         SELECT ctid FROM automation_events WHERE created_at < $1 LIMIT $2)`,
      [before, limit],
    );
  }

  /** Of these users, those that are active members of the workspace. */
  activeUsers(tenantId: string, ids: readonly string[]): Promise<string[]> {
    return this.sql.query(
      `SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'`,
      [tenantId, ids],
      (row) => text(row, 'id'),
    );
  }

  /** Of these teams, the workspace's. */
  teams(tenantId: string, ids: readonly string[]): Promise<string[]> {
    return this.sql.query(
      `SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
      (row) => text(row, 'id'),
    );
  }

  /** Of these numbers, the workspace's. */
  numbers(tenantId: string, ids: readonly string[]): Promise<string[]> {
    return this.sql.query(
      `SELECT id FROM whatsapp_accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
      (row) => text(row, 'id'),
    );
  }

  /** A template of the workspace by name and language, on any of its numbers; an approved one first. */
  async template(tenantId: string, name: string, language: string): Promise<Template | null> {
    const [template] = await this.sql.query(
      `SELECT * FROM templates WHERE tenant_id = $1 AND name = $2 AND language = $3 AND status <> 'DELETED'
       ORDER BY (status = 'APPROVED') DESC, updated_at DESC LIMIT 1`,
      [tenantId, name, language],
      decodeTemplate,
    );
    return template ?? null;
  }
}
