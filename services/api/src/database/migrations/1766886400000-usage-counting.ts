import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Usage counting (docs/adr/0127): every insert and every update of `messages` appends, in its own transaction, what it
 * changed in the daily rollups to `message_stats_deltas` (statement triggers over transition tables: one INSERT per
 * statement, no row anyone else writes). A folder moves the deltas into `message_stats_daily`; `message_stats` reads
 * both, so a reader sees every committed message. Meta's rate card, per-message cost and the monthly budget too.
 */

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * What one message counts for in the rollups, as a row of the key and the counts, read from `src` (messages rows).
 * Delivered, read and failed follow the message's timestamps and status, which only ever move forward; `replied` is
 * added apart, once per template (message_stats_replies), and never moved.
 */
const contribution = (src: string) => `
  SELECT s.tenant_id, (s.created_at AT TIME ZONE t.time_zone)::date AS day, c.whatsapp_account_id, s.direction,
    s.type AS message_type,
    CASE WHEN s.direction = 'outbound' AND s.type = 'template' THEN COALESCE(s.content->'template'->>'name', '') ELSE '' END AS template_name,
    CASE WHEN s.direction = 'outbound' AND s.type = 'template' THEN COALESCE(s.content->'template'->'language'->>'code', '') ELSE '' END AS template_language,
    CASE WHEN s.direction = 'outbound' AND s.type = 'template' THEN COALESCE(s.template_category, '') ELSE '' END AS template_category,
    CASE WHEN s.direction = 'outbound' THEN COALESCE(s.pricing_category, '') ELSE '' END AS pricing_category,
    CASE WHEN s.direction = 'outbound' AND s.campaign_id IS NULL THEN COALESCE(s.sender_user_id, ${NIL}) ELSE ${NIL} END AS agent_id,
    CASE WHEN s.direction <> 'outbound' THEN '' WHEN s.campaign_id IS NOT NULL THEN 'campaign' ELSE COALESCE(s.automated_by, '') END AS automated_by,
    1 AS messages,
    (s.direction = 'outbound' AND s.delivered_at IS NOT NULL)::int AS delivered,
    (s.direction = 'outbound' AND s.read_at IS NOT NULL)::int AS read,
    (s.direction = 'outbound' AND s.status = 'failed')::int AS failed,
    0 AS replied,
    (s.pricing_billable IS TRUE)::int AS billable,
    CASE WHEN s.pricing_billable THEN COALESCE(s.meta_cost_micros, 0) ELSE 0 END AS meta_cost_micros,
    COALESCE(s.ai_prompt_tokens, 0) AS ai_prompt_tokens,
    COALESCE(s.ai_completion_tokens, 0) AS ai_completion_tokens
  FROM ${src} s JOIN conversations c ON c.id = s.conversation_id JOIN tenants t ON t.id = s.tenant_id`;

const KEY = `tenant_id, day, whatsapp_account_id, direction, message_type, template_name, template_language,
  template_category, pricing_category, agent_id, automated_by`;
const COUNTS = [
  'messages',
  'delivered',
  'read',
  'failed',
  'replied',
  'billable',
  'meta_cost_micros',
  'ai_prompt_tokens',
  'ai_completion_tokens',
] as const;
const SUMS = COUNTS.map((c) => `sum(${c})`).join(', ');
const NEGATED = COUNTS.map((c) => `-${c}`).join(', ');
const ANY_NONZERO = COUNTS.map((c) => `sum(${c}) <> 0`).join(' OR ');

/**
 * Template messages of the new inbound messages' conversations sent in the 24 h before them, each recorded once as
 * replied; answers their contributions with `replied` = 1 and nothing else.
 */
const REPLIES = `
  answered AS (
    INSERT INTO message_stats_replies (message_id)
    SELECT DISTINCT tm.id FROM new_rows n
    CROSS JOIN LATERAL (
      SELECT m.id FROM messages m
      WHERE m.conversation_id = n.conversation_id AND m.created_at < n.created_at
        AND m.created_at >= n.created_at - interval '24 hours' AND m.direction = 'outbound' AND m.type = 'template'
    ) tm
    WHERE n.direction = 'inbound'
    -- In id order: two batches answering the same templates wait for each other in one direction only.
    ORDER BY 1
    ON CONFLICT DO NOTHING
    RETURNING message_id
  ),
  replied AS (
    SELECT ${KEY}, 0 AS messages, 0 AS delivered, 0 AS read, 0 AS failed, 1 AS replied, 0 AS billable,
      0 AS meta_cost_micros, 0 AS ai_prompt_tokens, 0 AS ai_completion_tokens
    FROM (${contribution('(SELECT m.* FROM messages m JOIN answered a ON a.message_id = m.id)')}) r
  )`;

export class UsageCounting1766886400000 implements MigrationInterface {
  name = 'UsageCounting1766886400000';

  async up(q: QueryRunner): Promise<void> {
    // The template's category when it was sent, and Meta's estimated cost once a status priced the message.
    await q.query(`ALTER TABLE messages ADD COLUMN template_category text, ADD COLUMN meta_cost_micros bigint`);
    await q.query(`ALTER TABLE campaigns ADD COLUMN paused_reason text`);

    await q.query(`
      CREATE TABLE message_stats_deltas (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        whatsapp_account_id uuid NOT NULL,
        direction text NOT NULL,
        message_type text NOT NULL,
        template_name text NOT NULL,
        template_language text NOT NULL,
        template_category text NOT NULL,
        pricing_category text NOT NULL,
        agent_id uuid NOT NULL,
        automated_by text NOT NULL,
        messages bigint NOT NULL,
        delivered bigint NOT NULL,
        read bigint NOT NULL,
        failed bigint NOT NULL,
        replied bigint NOT NULL,
        billable bigint NOT NULL,
        meta_cost_micros bigint NOT NULL,
        ai_prompt_tokens bigint NOT NULL,
        ai_completion_tokens bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX message_stats_deltas_tenant_day_idx ON message_stats_deltas (tenant_id, day)`);
    await q.query(`CREATE TABLE message_stats_replies (message_id uuid PRIMARY KEY)`);

    // Exact at any time: the folded rows and the deltas not folded yet, to be summed by the reader.
    await q.query(`
      CREATE VIEW message_stats AS
      SELECT ${KEY}, ${COUNTS.join(', ')} FROM message_stats_daily
      UNION ALL
      SELECT ${KEY}, ${COUNTS.join(', ')} FROM message_stats_deltas`);

    await q.query(`
      CREATE FUNCTION message_stats_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH ${REPLIES}
        INSERT INTO message_stats_deltas (${KEY}, ${COUNTS.join(', ')})
        SELECT ${KEY}, ${SUMS} FROM (
          ${contribution('new_rows')}
          UNION ALL SELECT * FROM replied
        ) x GROUP BY ${KEY};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER messages_stats_inserted AFTER INSERT ON messages
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_stats_inserted()`);

    // What the statement changed: each row's new contribution minus its old one (nothing for an unchanged count).
    await q.query(`
      CREATE FUNCTION message_stats_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO message_stats_deltas (${KEY}, ${COUNTS.join(', ')})
        SELECT ${KEY}, ${SUMS} FROM (
          ${contribution('new_rows')}
          UNION ALL
          SELECT ${KEY}, ${NEGATED} FROM (${contribution('old_rows')}) o
        ) x GROUP BY ${KEY} HAVING ${ANY_NONZERO};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER messages_stats_updated AFTER UPDATE ON messages
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_stats_updated()`);

    /*
     * Recomputes a tenant's day from `messages` (docs/adr/0127): the day's folded rows and deltas are dropped and its
     * messages' contributions appended as deltas, in one statement, so one snapshot decides what is counted. The
     * caller holds the fold lock, so no folder moves the day's deltas meanwhile.
     */
    await q.query(`
      CREATE FUNCTION message_stats_rebuild_day(p_tenant uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        tz text := (SELECT time_zone FROM tenants WHERE id = p_tenant);
      BEGIN
        INSERT INTO message_stats_replies (message_id)
        SELECT m.id FROM messages m
        WHERE m.tenant_id = p_tenant AND m.direction = 'outbound' AND m.type = 'template'
          AND m.created_at >= (p_day::timestamp AT TIME ZONE tz) AND m.created_at < ((p_day + 1)::timestamp AT TIME ZONE tz)
          AND EXISTS (SELECT 1 FROM messages i WHERE i.conversation_id = m.conversation_id AND i.direction = 'inbound'
            AND i.created_at > m.created_at AND i.created_at <= m.created_at + interval '24 hours')
        ON CONFLICT DO NOTHING;
        WITH dropped_daily AS (DELETE FROM message_stats_daily WHERE tenant_id = p_tenant AND day = p_day),
        dropped_deltas AS (DELETE FROM message_stats_deltas WHERE tenant_id = p_tenant AND day = p_day),
        day_messages AS (
          SELECT * FROM messages m WHERE m.tenant_id = p_tenant
            AND m.created_at >= (p_day::timestamp AT TIME ZONE tz) AND m.created_at < ((p_day + 1)::timestamp AT TIME ZONE tz)
        ),
        counted AS (
          ${contribution('day_messages')}
          UNION ALL
          SELECT ${KEY}, 0, 0, 0, 0, 1, 0, 0, 0, 0
          FROM (${contribution('(SELECT d.* FROM day_messages d JOIN message_stats_replies r ON r.message_id = d.id)')}) r
        )
        INSERT INTO message_stats_deltas (${KEY}, ${COUNTS.join(', ')})
        SELECT ${KEY}, ${SUMS} FROM counted GROUP BY ${KEY};
      END $$`);

    await q.query(`
      CREATE TABLE meta_rates (
        market text NOT NULL,
        category text NOT NULL,
        rate_micros bigint NOT NULL CHECK (rate_micros >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (market, category)
      )`);
    const rows = SEEDED_RATES.flatMap(([market, marketing, utility, authentication, international]) => [
      [market, 'marketing', marketing],
      [market, 'utility', utility],
      [market, 'authentication', authentication],
      [market, 'authentication_international', international ?? authentication],
      [market, 'service', 0],
    ]);
    await q.query(
      `INSERT INTO meta_rates (market, category, rate_micros)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => Math.round(Number(r[2]) * 1_000_000))],
    );

    await q.query(`
      CREATE TABLE meta_budgets (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        monthly_micros bigint CHECK (monthly_micros > 0),
        -- The first day of the month whose 80 % and 100 % notices were sent, so each goes out once a month.
        warned_month date,
        exhausted_month date,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meta_budgets`);
    await q.query(`DROP TABLE meta_rates`);
    await q.query(`DROP FUNCTION message_stats_rebuild_day(uuid, date)`);
    await q.query(`DROP TRIGGER messages_stats_updated ON messages`);
    await q.query(`DROP TRIGGER messages_stats_inserted ON messages`);
    await q.query(`DROP FUNCTION message_stats_updated()`);
    await q.query(`DROP FUNCTION message_stats_inserted()`);
    await q.query(`DROP VIEW message_stats`);
    await q.query(`DROP TABLE message_stats_replies`);
    await q.query(`DROP TABLE message_stats_deltas`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN paused_reason`);
    await q.query(`ALTER TABLE messages DROP COLUMN template_category, DROP COLUMN meta_cost_micros`);
  }
}

/**
 * Meta's per-message list rates in USD (market, marketing, utility, authentication, authentication-international when
 * it differs), effective 1 July 2025; service messages are free. Super admins keep the card current (PUT
 * /admin/rate-card). The regional markets' figures follow the published per-country table (docs/adr/0128).
 */
const SEEDED_RATES: readonly (readonly [string, number, number, number, number?])[] = [
  ['NORTH_AMERICA', 0.025, 0.0034, 0.0135],
  ['IN', 0.0107, 0.0014, 0.0014, 0.028],
  ['ID', 0.0411, 0.025, 0.03, 0.136],
  ['BR', 0.0625, 0.0068, 0.0068],
  ['MX', 0.0305, 0.0085, 0.0135],
  ['AR', 0.0618, 0.0289, 0.0289],
  ['GB', 0.0529, 0.022, 0.0358],
  ['DE', 0.1365, 0.055, 0.0768],
  ['REST_OF_LATAM', 0.074, 0.0113, 0.0113],
  ['REST_OF_WESTERN_EUROPE', 0.0592, 0.0171, 0.0171],
  ['REST_OF_CENTRAL_EASTERN_EUROPE', 0.086, 0.0212, 0.0212],
  ['REST_OF_ASIA_PACIFIC', 0.0732, 0.0113, 0.0113],
  ['REST_OF_MIDDLE_EAST', 0.0341, 0.0091, 0.0091],
  ['REST_OF_AFRICA', 0.0225, 0.004, 0.004],
  ['OTHER', 0.0604, 0.0077, 0.0077],
];
