import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Automation rules (issue 18, docs/adr/0118): the rules, one row per firing with what each action did, the events
 * already evaluated (so a redelivered message or a retried job never fires a rule twice), and per workspace its
 * business hours and its cap on automated messages. Notes gain an idempotency key so a retried rule adds its note once.
 */
export class AutomationRules1766534400000 implements MigrationInterface {
  name = 'AutomationRules1766534400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE automation_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      position integer NOT NULL DEFAULT 0,
      stop_after boolean NOT NULL DEFAULT false,
      trigger jsonb NOT NULL,
      trigger_type text GENERATED ALWAYS AS (trigger ->> 'type') STORED,
      conditions jsonb NOT NULL DEFAULT '[]',
      actions jsonb NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX automation_rules_tenant_idx ON automation_rules (tenant_id, position, created_at, id)`);
    // The no-reply sweep reads every workspace's enabled no_reply rules, a handful.
    await q.query(`CREATE INDEX automation_rules_no_reply_idx ON automation_rules (tenant_id)
      WHERE enabled AND trigger_type = 'no_reply'`);

    await q.query(`CREATE TABLE automation_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      rule_id uuid REFERENCES automation_rules (id) ON DELETE SET NULL,
      rule_name text NOT NULL,
      conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
      message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
      trigger text NOT NULL,
      event_key text NOT NULL,
      outcome text CHECK (outcome IN ('succeeded', 'failed', 'partial')),
      actions jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT automation_runs_event_key UNIQUE (tenant_id, rule_id, event_key)
    )`);
    await q.query(`CREATE INDEX automation_runs_tenant_idx ON automation_runs (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX automation_runs_rule_idx ON automation_runs (rule_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX automation_runs_conversation_idx
      ON automation_runs (conversation_id, created_at DESC, id DESC)`);
    // Runs a crash left unfinished, for the retry that resumes them.
    await q.query(`CREATE INDEX automation_runs_unfinished_idx ON automation_runs (tenant_id, event_key)
      WHERE outcome IS NULL`);

    await q.query(`CREATE TABLE automation_events (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      event_key text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, event_key)
    )`);
    await q.query(`CREATE INDEX automation_events_created_idx ON automation_events (created_at)`);

    await q.query(`CREATE TABLE automation_settings (
      tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
      max_automated_messages_per_hour integer NOT NULL DEFAULT 10
        CHECK (max_automated_messages_per_hour BETWEEN 0 AND 1000),
      hours_time_zone text,
      weekly_hours jsonb,
      holidays jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);

    await q.query(`ALTER TABLE conversation_notes ADD COLUMN idempotency_key text`);
    await q.query(`CREATE UNIQUE INDEX conversation_notes_idempotency_idx ON conversation_notes (tenant_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversation_notes_idempotency_idx`);
    await q.query(`ALTER TABLE conversation_notes DROP COLUMN idempotency_key`);
    await q.query(`DROP TABLE automation_settings`);
    await q.query(`DROP TABLE automation_events`);
    await q.query(`DROP TABLE automation_runs`);
    await q.query(`DROP TABLE automation_rules`);
  }
}
