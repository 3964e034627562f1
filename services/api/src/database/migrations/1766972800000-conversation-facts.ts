import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Conversation facts (issue 19, docs/adr/0130): each conversation's current episode (from its opening to its
 * resolution) on the conversation, and one fact row per event of an episode, written once in the statement that
 * changes the conversation: opened, first response (with its seconds and agent), an agent's first reply, resolved
 * (with its seconds and agent). `day` is the event's day in the tenant's time zone.
 */
export class ConversationFacts1766972800000 implements MigrationInterface {
  name = 'ConversationFacts1766972800000';

  async up(q: QueryRunner): Promise<void> {
    // Milliseconds, like messages' times, so that a rebuild from messages finds the same seconds.
    await q.query(`
      ALTER TABLE conversations
        ADD COLUMN opened_at timestamptz(3),
        ADD COLUMN episode_inbound_at timestamptz(3),
        ADD COLUMN first_response_at timestamptz(3)`);
    await q.query(`UPDATE conversations SET opened_at = created_at WHERE status <> 'resolved'`);

    await q.query(`
      CREATE TABLE conversation_facts (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('opened', 'first_response', 'replied', 'resolved')),
        -- History outlives a conversation folded by a merge: no foreign key.
        conversation_id uuid NOT NULL,
        -- The episode's opening; with the conversation, the episode's key.
        episode_at timestamptz(3) NOT NULL,
        whatsapp_account_id uuid NOT NULL,
        -- The agent who answered, replied or held the conversation when resolved; the nil uuid for none.
        agent_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
        seconds double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, episode_at, kind, agent_id)
      )`);
    // Every analytics read is one kind's range of a tenant's days, answered from an index alone: by day for the
    // range's figures, by agent for each agent's (rows arrive grouped, so each agent's percentiles sort only theirs).
    await q.query(
      `CREATE INDEX conversation_facts_day_idx ON conversation_facts (tenant_id, kind, day) INCLUDE (seconds)`,
    );
    await q.query(
      `CREATE INDEX conversation_facts_agent_idx ON conversation_facts (tenant_id, kind, agent_id, day) INCLUDE (seconds)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_facts`);
    await q.query(`
      ALTER TABLE conversations DROP COLUMN opened_at, DROP COLUMN episode_inbound_at, DROP COLUMN first_response_at`);
  }
}
