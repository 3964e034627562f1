import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * AI replies (issue 18, docs/adr/0124): each workspace's AI settings, with its own provider's key sealed like Meta
 * tokens, and its knowledge base, searched with PostgreSQL full text in the language-neutral `simple` configuration.
 */
export class AiReplies1766707200000 implements MigrationInterface {
  name = 'AiReplies1766707200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ai_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        instructions text NOT NULL DEFAULT '',
        provider_base_url text,
        provider_model text,
        provider_api_key_encrypted text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ai_settings_provider_whole CHECK ((provider_base_url IS NULL) = (provider_model IS NULL)),
        CONSTRAINT ai_settings_key_needs_provider
          CHECK (provider_api_key_encrypted IS NULL OR provider_base_url IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE knowledge_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One article per title (any case): a re-imported sheet updates its articles instead of doubling them.
    await q.query(`CREATE UNIQUE INDEX knowledge_articles_title_uq ON knowledge_articles (tenant_id, lower(title))`);
    await q.query(`CREATE INDEX knowledge_articles_page_idx ON knowledge_articles (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING gin (search)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE knowledge_articles`);
    await q.query(`DROP TABLE ai_settings`);
  }
}
