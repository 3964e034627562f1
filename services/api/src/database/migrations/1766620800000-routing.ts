import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Routing (issue 18, docs/adr/0122 and 0123): each member's capacity and chosen status (online or away; whether a
 * dashboard is connected lives in Redis), teams of members, a conversation's team, and the queue of conversations
 * waiting for someone to be available, in arrival order, with the strategy and team they wait for.
 */
export class Routing1766620800000 implements MigrationInterface {
  name = 'Routing1766620800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN capacity integer CHECK (capacity BETWEEN 1 AND 1000),
        ADD COLUMN presence_status text NOT NULL DEFAULT 'online' CHECK (presence_status IN ('online', 'away'))`);

    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX teams_tenant_name_uq ON teams (tenant_id, lower(name))`);
    await q.query(`CREATE INDEX teams_tenant_page_idx ON teams (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`CREATE INDEX team_members_user_idx ON team_members (user_id)`);

    await q.query(`ALTER TABLE conversations ADD COLUMN team_id uuid REFERENCES teams (id) ON DELETE SET NULL`);
    // The inbox's team filter, in inbox order like the other filters (docs/adr/0087); most conversations have no
    // team, so only those that do are indexed.
    await q.query(
      `CREATE INDEX conversations_team_inbox_idx
         ON conversations (tenant_id, team_id, status, last_message_at DESC, id DESC) WHERE team_id IS NOT NULL`,
    );
    // Routing counts each member's open conversations.
    await q.query(`CREATE INDEX conversations_open_assignee_idx ON conversations (assignee_id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE routing_waits (
        conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        strategy text NOT NULL CHECK (strategy IN ('round_robin', 'least_busy')),
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        reason text NOT NULL,
        waiting_since timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        arrival bigserial NOT NULL
      )`);
    await q.query(`CREATE INDEX routing_waits_order_idx ON routing_waits (tenant_id, arrival)`);

    // Round robin: whose turn it is, by the order in which members were last given a conversation (a sequence, as
    // several assignments may share a millisecond).
    await q.query(`CREATE SEQUENCE routing_turn_seq`);
    await q.query(`
      CREATE TABLE routing_turns (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        turn bigint NOT NULL DEFAULT nextval('routing_turn_seq'),
        assigned_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE routing_turns`);
    await q.query(`DROP SEQUENCE routing_turn_seq`);
    await q.query(`DROP TABLE routing_waits`);
    await q.query(`DROP INDEX conversations_open_assignee_idx`);
    await q.query(`DROP INDEX conversations_team_inbox_idx`);
    await q.query(`ALTER TABLE conversations DROP COLUMN team_id`);
    await q.query(`DROP TABLE team_members`);
    await q.query(`DROP TABLE teams`);
    await q.query(`ALTER TABLE users DROP COLUMN capacity, DROP COLUMN presence_status`);
  }
}
