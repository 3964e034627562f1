import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Outbound messages the team did not type (issue 18): written by an automation rule or by the AI, with the rule and
 * the AI's token use, so the thread can mark them, the per-conversation hourly cap can count them, and billing can
 * count AI replies and tokens.
 */
export class AutomatedMessages1766448000000 implements MigrationInterface {
  name = 'AutomatedMessages1766448000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages
      ADD COLUMN automated_by text CHECK (automated_by IN ('rule', 'ai')),
      ADD COLUMN automation_rule_id uuid,
      ADD COLUMN ai_prompt_tokens integer CHECK (ai_prompt_tokens >= 0),
      ADD COLUMN ai_completion_tokens integer CHECK (ai_completion_tokens >= 0)`);
    await q.query(`CREATE INDEX messages_automated_idx ON messages (conversation_id, created_at)
      WHERE automated_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_automated_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN automated_by, DROP COLUMN automation_rule_id,
      DROP COLUMN ai_prompt_tokens, DROP COLUMN ai_completion_tokens`);
  }
}
