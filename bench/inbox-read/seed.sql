-- A tenant's inbox history, in plain SQL: pg_temp.seed_inbox(tenant, contacts, messages, agents, days) fills an
-- existing tenant with `agents` agents, two numbers, `contacts` contacts with one conversation each, and `messages`
-- messages over the last `days` days, 3,000 of them in the newest conversation. Used by bench/inbox-read and by the
-- API's query-plan test. Run this file once per connection, then CALL the procedure outside a transaction block (the
-- CALL is one transaction, which drops its temp tables), then VACUUM ANALYZE. The same seed gives the same names and
-- states at every run, so that a plan near a cost threshold does not flip between runs.
CREATE PROCEDURE pg_temp.seed_inbox(tenant uuid, contact_count int, message_count int, agent_count int, days int)
LANGUAGE plpgsql AS $$
DECLARE
  firsts text[] := ARRAY['Ana', 'Bruno', 'Carla', 'Daniel', 'Elena', 'Felipe', 'Gabriela', 'Hugo', 'Isabel',
    'Joao', 'Karina', 'Lucas', 'Marta', 'Nicolas', 'Olivia', 'Pedro', 'Quentin', 'Rafaela', 'Samuel', 'Tatiana',
    'Ursula', 'Vicente', 'Wanda', 'Xavier', 'Yara', 'Zeca', 'Amir', 'Beatriz', 'Chen', 'Deepa', 'Emeka', 'Fatima',
    'Goran', 'Hana', 'Ibrahim', 'Jun', 'Kofi', 'Leila', 'Mateo', 'Noor', 'Omar', 'Priya', 'Rosa', 'Sven', 'Tomas',
    'Uma', 'Vera', 'Wei', 'Yusuf', 'Zanele'];
  lasts text[] := ARRAY['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Rodrigues', 'Almeida',
    'Nascimento', 'Garcia', 'Martinez', 'Lopez', 'Gonzalez', 'Hernandez', 'Smith', 'Johnson', 'Brown', 'Taylor',
    'Wilson', 'Okafor', 'Mensah', 'Kumar', 'Sharma', 'Patel', 'Khan', 'Ahmed', 'Nguyen', 'Tran', 'Kim', 'Park',
    'Wang', 'Zhang', 'Muller', 'Schmidt', 'Rossi', 'Ferrari', 'Dubois', 'Moreau', 'Novak', 'Horvat', 'Kowalski',
    'Nowak', 'Ivanova', 'Petrov', 'Haddad', 'Farah', 'Cohen', 'Levi', 'Tanaka'];
  threads int := contact_count - 1;
BEGIN
  PERFORM setseed(0.5);
  INSERT INTO users (tenant_id, email, name, password_hash, role)
  SELECT tenant, format('agent-%s-%s@inbox-seed.test', left(tenant::text, 8), a), format('Agent %s', a),
         'seeded: cannot sign in', 'agent'
  FROM generate_series(1, agent_count) a;

  INSERT INTO whatsapp_accounts (tenant_id, waba_id, phone_number_id, display_phone_number, access_token_encrypted)
  SELECT tenant, 'seed-waba', format('seed-%s-%s', tenant, n), format('1555000%s', lpad(n::text, 4, '0')), 'v1.unused'
  FROM generate_series(1, 2) n;

  -- Numbers: i times a prime modulo 10^10 is one-to-one, so every contact has its own scrambled number.
  INSERT INTO contacts (tenant_id, wa_id, name, profile_name, created_at, updated_at)
  SELECT tenant, '55' || lpad(((i::bigint * 982451653) % 10000000000)::text, 10, '0'),
         CASE WHEN random() < 0.6 THEN firsts[1 + (i * 7) % 50] || ' ' || lasts[1 + (i * 13 + i / 50) % 50] END,
         CASE WHEN random() < 0.85 THEN firsts[1 + (i * 11 + i / 7) % 50] END,
         now() - random() * make_interval(days => days), now()
  FROM generate_series(1, contact_count) i;

  CREATE TEMP TABLE seed_agents ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE tenant_id = tenant AND role = 'agent';
  CREATE TEMP TABLE seed_numbers ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY id) AS n, id FROM whatsapp_accounts WHERE tenant_id = tenant;

  -- Recent conversations are mostly open or pending; older ones mostly resolved, some left open for months.
  INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, status, assignee_id, last_message_at,
    last_message_preview, last_inbound_at, unread_count, created_at, updated_at)
  SELECT tenant, k.id, (SELECT id FROM seed_numbers WHERE n = CASE WHEN r.number < 0.8 THEN 1 ELSE 2 END),
         CASE WHEN r.age < 3 THEN (CASE WHEN r.state < 0.6 THEN 'open' WHEN r.state < 0.8 THEN 'pending' ELSE 'resolved' END)
              ELSE (CASE WHEN r.state < 0.07 THEN 'open' WHEN r.state < 0.1 THEN 'pending' ELSE 'resolved' END) END,
         CASE WHEN r.assigned < 0.75 THEN (SELECT id FROM seed_agents WHERE n = 1 + (r.agent * agent_count)::int % agent_count) END,
         now() - make_interval(secs => r.age * 86400), 'Thanks, see you then',
         now() - make_interval(secs => r.age * 86400), CASE WHEN r.age < 3 THEN (r.state * 4)::int ELSE 0 END,
         k.created_at, now()
  FROM (SELECT id, created_at, row_number() OVER () AS i FROM contacts WHERE tenant_id = tenant) k,
       LATERAL (SELECT CASE WHEN k.i = 1 THEN 0 ELSE random() * days END AS age, random() AS state,
                       random() AS assigned, random() AS agent, random() AS number, k.i AS dep) r;

  CREATE TEMP TABLE seed_threads ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY last_message_at DESC, id DESC) - 1 AS n, id, last_message_at
    FROM conversations WHERE tenant_id = tenant;
  CREATE UNIQUE INDEX ON seed_threads (n);

  -- The newest conversation holds a 3,000-message thread; the rest spreads over the others, before their last message.
  INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid, sent_at, created_at,
    updated_at)
  SELECT tenant, t.id, CASE WHEN g % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
         jsonb_build_object('text', jsonb_build_object('body', 'Message number ' || g)),
         CASE WHEN g % 2 = 0 THEN 'received' WHEN g % 97 = 1 THEN 'failed' ELSE 'read' END,
         format('wamid.seed.%s.%s', tenant, g), t.last_message_at - m.back, t.last_message_at - m.back,
         t.last_message_at - m.back
  FROM generate_series(1, message_count) g,
       LATERAL (SELECT CASE WHEN g <= 3000 THEN 0 ELSE 1 + (g - 3001) % threads END AS n,
                       CASE WHEN g <= 3000 THEN make_interval(mins => g)
                            ELSE make_interval(mins => 37 * ((g - 3001) / threads)) END AS back) m
  JOIN seed_threads t ON t.n = m.n;
END $$;
