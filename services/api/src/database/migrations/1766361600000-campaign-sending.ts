import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Campaign sending (docs/adr/0117): the campaign messages still waiting for the message-worker's outcome, for the
 * check that completes a campaign and the look for messages a crash left unqueued. A message leaves the index as
 * soon as Meta accepted it or it failed, so the index stays the size of what is in flight.
 */
export class CampaignSending1766361600000 implements MigrationInterface {
  name = 'CampaignSending1766361600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messages_campaign_awaiting_idx ON messages (campaign_id, created_at)
      WHERE campaign_id IS NOT NULL AND status = 'queued' AND wamid IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_campaign_awaiting_idx`);
  }
}
