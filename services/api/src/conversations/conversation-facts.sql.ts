/**
 * The statements' parts that write conversation facts (docs/adr/0130), joined to the statement that changes the
 * conversation so that a fact commits with its change. Each is keyed by the episode (conversation and opening), so a
 * retried statement adds nothing. `source` is a CTE answering changed `conversations` rows.
 */

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The statement's time as the conversation's columns hold it: a statement knows what it set by it. */
export const NOW = `now()::timestamptz(3)`;

/** The event's day in the tenant's time zone. */
const today = (tenantId: string): string =>
  `(SELECT (now() AT TIME ZONE tz.time_zone)::date FROM tenants tz WHERE tz.id = ${tenantId})`;

const COLUMNS = `tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id, agent_id, seconds`;

/** An episode this statement opened (its `opened_at` is `NOW`). */
export const factOpened = (source: string): string =>
  `INSERT INTO conversation_facts (${COLUMNS})
   SELECT s.tenant_id, ${today('s.tenant_id')}, 'opened', s.id, s.opened_at, s.whatsapp_account_id, ${NIL}, NULL
   FROM ${source} s WHERE s.opened_at = ${NOW}
   ON CONFLICT DO NOTHING`;

/**
 * An episode this statement resolved: its seconds from the opening, and the agent holding it, else the member who
 * resolved it (`actor`: a uuid parameter, null for a rule).
 */
export const factResolved = (source: string, actor: string): string =>
  `INSERT INTO conversation_facts (${COLUMNS})
   SELECT s.tenant_id, ${today('s.tenant_id')}, 'resolved', s.id, s.episode_at, s.whatsapp_account_id,
     COALESCE(s.assignee_id, ${actor}, ${NIL}), extract(epoch FROM ${NOW} - s.episode_at)
   FROM ${source} s
   ON CONFLICT DO NOTHING`;

/**
 * An agent's reply (`agent`: a uuid parameter, null for automation): the agent's first in the episode, and the
 * episode's first response when this reply set `first_response_at`.
 */
export const factsReplied = (source: string, agent: string): string =>
  `INSERT INTO conversation_facts (${COLUMNS})
   SELECT s.tenant_id, ${today('s.tenant_id')}, k.kind, s.id, s.opened_at, s.whatsapp_account_id, ${agent},
     CASE WHEN k.kind = 'first_response' THEN extract(epoch FROM s.first_response_at - s.episode_inbound_at) END
   FROM ${source} s CROSS JOIN (VALUES ('replied'), ('first_response')) AS k(kind)
   WHERE ${agent} IS NOT NULL AND s.opened_at IS NOT NULL
     AND (k.kind = 'replied' OR s.first_response_at = ${NOW})
   ON CONFLICT DO NOTHING`;
