import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ReactionTargets1764979200000 implements MigrationInterface {
  name = 'ReactionTargets1764979200000';

  async up(q: QueryRunner): Promise<void> {
    // A message's reaction is worked out from the reactions stored for it (the inbound write and reapplyReactions):
    // an index probe per message rather than a scan of the workspace's reactions.
    await q.query(
      `CREATE INDEX messages_reaction_target_idx ON messages (tenant_id, ((content->'reaction'->>'message_id')))
       WHERE type = 'reaction' AND direction = 'inbound'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_reaction_target_idx`);
  }
}
