import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class RowVersions1765065600000 implements MigrationInterface {
  name = 'RowVersions1765065600000';

  async up(q: QueryRunner): Promise<void> {
    // Clients keep the newer of two copies of a message or conversation by comparing versions. A trigger bumps it,
    // so no update path can forget to; row locks make it grow in commit order for each row.
    await q.query(`ALTER TABLE messages ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE conversations ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(
      `CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.version := OLD.version + 1;
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER messages_version BEFORE UPDATE ON messages FOR EACH ROW EXECUTE FUNCTION bump_row_version()`,
    );
    await q.query(
      `CREATE TRIGGER conversations_version BEFORE UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION bump_row_version()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER conversations_version ON conversations`);
    await q.query(`DROP TRIGGER messages_version ON messages`);
    await q.query(`DROP FUNCTION bump_row_version()`);
    await q.query(`ALTER TABLE conversations DROP COLUMN version`);
    await q.query(`ALTER TABLE messages DROP COLUMN version`);
  }
}
