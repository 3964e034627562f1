import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Daily message rollups (issue 19): usage, Meta cost and analytics all read these instead of `messages`, so that
 * their queries cost the same whatever the tenant's size. One row per tenant, day (in the tenant's time zone when
 * the message was stored), number and combination of the dimensions below; a count is added exactly once per
 * stored message or status change, in the transaction that stores it.
 */
export class MessageStats1766800000000 implements MigrationInterface {
  name = 'MessageStats1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_stats_daily (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        day date NOT NULL,
        whatsapp_account_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        message_type text NOT NULL,
        -- Outbound templates: the template's name, language and category; '' for other messages.
        template_name text NOT NULL DEFAULT '',
        template_language text NOT NULL DEFAULT '',
        template_category text NOT NULL DEFAULT '',
        -- Meta's statuses[].pricing.category once a status carried it; '' before (and for inbound).
        pricing_category text NOT NULL DEFAULT '',
        -- Who sent an outbound message: the agent (nil uuid for none), or 'rule' / 'ai' / 'campaign' / ''.
        agent_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
        automated_by text NOT NULL DEFAULT '',
        messages bigint NOT NULL DEFAULT 0,
        delivered bigint NOT NULL DEFAULT 0,
        read bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        -- Template sends the customer answered within 24 h.
        replied bigint NOT NULL DEFAULT 0,
        billable bigint NOT NULL DEFAULT 0,
        meta_cost_micros bigint NOT NULL DEFAULT 0,
        ai_prompt_tokens bigint NOT NULL DEFAULT 0,
        ai_completion_tokens bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (
          tenant_id, day, whatsapp_account_id, direction, message_type, template_name, template_language,
          template_category, pricing_category, agent_id, automated_by
        )
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_stats_daily`);
  }
}
