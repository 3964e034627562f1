-- A tenant's analytics history, in plain SQL: pg_temp.seed_analytics(tenant, messages, conversations, agents, days)
-- fills an existing tenant with `agents` agents, two numbers, the daily message rollups (`message_stats_daily`) that
-- `messages` messages over the last `days` days add up to, one episode of facts (`conversation_facts`) per
-- conversation, and a campaign a week with its recipients. Run this file once per connection, then CALL the
-- procedure outside a transaction block, then VACUUM ANALYZE. The same seed gives the same figures at every run.
CREATE PROCEDURE pg_temp.seed_analytics(tenant uuid, message_count bigint, conversation_count int, agent_count int,
  days int)
LANGUAGE plpgsql AS $$
DECLARE
  nil uuid := '00000000-0000-0000-0000-000000000000';
  zone text;
  today date;
  -- Of each day's messages: half from customers, a third agents' replies, a tenth templates, the rest automation.
  per_day numeric := message_count::numeric / days;
BEGIN
  PERFORM setseed(0.25);
  SELECT time_zone INTO zone FROM tenants WHERE id = tenant;
  today := (now() AT TIME ZONE zone)::date;
  INSERT INTO users (tenant_id, email, name, password_hash, role)
  SELECT tenant, format('agent-%s-%s@analytics-seed.test', left(tenant::text, 8), a), format('Agent %s', a),
         'seeded: cannot sign in', 'agent'
  FROM generate_series(1, agent_count) a;
  INSERT INTO whatsapp_accounts (tenant_id, waba_id, phone_number_id, display_phone_number, access_token_encrypted)
  SELECT tenant, 'seed-waba', format('seed-%s-%s', tenant, n), format('1555000%s', lpad(n::text, 4, '0')), 'v1.unused'
  FROM generate_series(1, 2) n;
  CREATE TEMP TABLE seed_agents ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE tenant_id = tenant AND role = 'agent';
  CREATE TEMP TABLE seed_numbers ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS n, id, CASE WHEN row_number() OVER (ORDER BY id) = 1 THEN 0.8 ELSE 0.2 END
      AS share
    FROM whatsapp_accounts WHERE tenant_id = tenant;
  CREATE TEMP TABLE seed_days ON COMMIT DROP AS SELECT today - d AS day FROM generate_series(0, days - 1) d;

  -- Inbound, by message type.
  INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, messages)
  SELECT tenant, d.day, s.id, 'inbound', t.type, round(per_day * 0.5 * s.share * t.share)
  FROM seed_days d, seed_numbers s, (VALUES ('text', 0.85), ('image', 0.1), ('audio', 0.05)) t(type, share);
  -- Agents' replies: each agent a share, most delivered and read, a few failed; the market's service category.
  INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, pricing_category,
    agent_id, messages, delivered, read, failed)
  SELECT tenant, d.day, s.id, 'outbound', 'text', 'service', a.id, m.n, round(m.n * 0.97), round(m.n * 0.8), round(m.n * 0.01)
  FROM seed_days d, seed_numbers s, seed_agents a,
       LATERAL (SELECT round(per_day * 0.35 * s.share / agent_count * (0.5 + random())) AS n) m;
  -- Templates sent by campaigns: ten of them, read and answered at their own rates, priced per message.
  INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, template_name,
    template_language, template_category, pricing_category, automated_by, messages, delivered, read, failed, replied,
    billable, meta_cost_micros)
  SELECT tenant, d.day, s.id, 'outbound', 'template', format('template_%s', k), 'en',
         CASE WHEN k <= 6 THEN 'MARKETING' ELSE 'UTILITY' END, CASE WHEN k <= 6 THEN 'marketing' ELSE 'utility' END,
         'campaign', m.n, round(m.n * 0.95), round(m.n * (0.3 + k * 0.05)), round(m.n * 0.02), round(m.n * k * 0.01),
         m.n, m.n * CASE WHEN k <= 6 THEN 62500 ELSE 8000 END
  FROM seed_days d, seed_numbers s, generate_series(1, 10) k,
       LATERAL (SELECT round(per_day * 0.1 * s.share / 10 * (0.5 + random())) AS n) m;
  -- Automation: rules' and the AI's replies.
  INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, pricing_category,
    automated_by, messages, delivered, read)
  SELECT tenant, d.day, s.id, 'outbound', 'text', 'service', b.by, round(per_day * 0.025 * s.share),
         round(per_day * 0.025 * s.share), round(per_day * 0.02 * s.share)
  FROM seed_days d, seed_numbers s, (VALUES ('rule'), ('ai')) b(by);

  -- Rounding per row leaves the total short of `message_count`: the rest arrives as today's text on number 1.
  UPDATE message_stats_daily SET messages = messages + message_count
    - (SELECT sum(messages) FROM message_stats_daily WHERE tenant_id = tenant)
  WHERE tenant_id = tenant AND day = today AND direction = 'inbound' AND message_type = 'text'
    AND whatsapp_account_id = (SELECT id FROM seed_numbers WHERE n = 1);

  -- One episode per conversation: opened on its day, answered by its agent within minutes, nine in ten resolved.
  CREATE TEMP TABLE seed_episodes ON COMMIT DROP AS
    SELECT gen_random_uuid() AS id, today - (random() * (days - 1))::int AS day,
           (SELECT id FROM seed_agents WHERE n = 1 + (i % agent_count)) AS agent,
           (SELECT id FROM seed_numbers WHERE n = CASE WHEN random() < 0.8 THEN 1 ELSE 2 END) AS account,
           5 + random() * random() * 3600 AS first_response, 600 + random() * random() * 172800 AS resolution,
           random() < 0.9 AS resolved
    FROM generate_series(1, conversation_count) i;
  INSERT INTO conversation_facts (tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id, agent_id,
    seconds)
  SELECT tenant, e.day, f.kind, e.id, e.day::timestamptz, e.account, f.agent, f.seconds
  FROM seed_episodes e CROSS JOIN LATERAL (VALUES ('opened', nil, NULL::float8), ('replied', e.agent, NULL),
    ('first_response', e.agent, e.first_response), ('resolved', e.agent, e.resolution)) f(kind, agent, seconds)
  WHERE f.kind <> 'resolved' OR e.resolved;

  -- A campaign a week, its recipients without messages (the report counts them; the rollups hold the messages).
  INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
    template_category, scheduled_at, started_at, completed_at)
  SELECT tenant, (SELECT id FROM seed_numbers WHERE n = 1), format('Campaign %s', w), 'completed',
         format('template_%s', 1 + w % 10), 'en', 'MARKETING', now() - make_interval(days => w * 7),
         now() - make_interval(days => w * 7), now() - make_interval(days => w * 7)
  FROM generate_series(0, days / 7) w;
  INSERT INTO campaign_recipients (tenant_id, campaign_id, position, wa_id, state)
  SELECT tenant, c.id, p, format('55%s', lpad(p::text, 10, '0')), 'skipped'
  FROM campaigns c, generate_series(1, conversation_count / 100) p WHERE c.tenant_id = tenant;
END $$;
