import { type Page } from '@aerostic/shared';
import { Client } from 'pg';
import { encodeCursor } from '../src/common/pagination/keyset';
import { TenantScope } from '../src/database/tenant-scope';
import { MessageRepository } from '../src/messages/message.repository';
import { UsageService } from '../src/usage/usage.service';
import { registerTenant, type Member } from './support/builders';
import { capture, oneLine, seedInboxes, type Statement, tableScans } from './support/query-plans';
import { createPlatformAdmin } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Guards the inbox's reads against plans that read a whole table: with a tenant of realistic size, every list and
 * search route's SELECTs, as the driver receives them, are explained and may not sequentially scan a big table.
 */
// Big enough that the planner prefers an index for a selective query, small enough to seed in a few seconds.
const SEED = { contacts: 20_000, messages: 200_000, agents: 20, days: 90 };

const BIG_TABLES = ['contacts', 'conversations', 'messages'] as const;
type BigTable = (typeof BIG_TABLES)[number];

/** What the seeded tenant's routes are called with: the `{name}`s of the route paths below. */
interface Seeded {
  agentId: string;
  numberId: string;
  /** Eight digits from the middle of a contact's number. */
  digits: string;
  /** The conversation with the most messages. */
  threadId: string;
  /** A position 5,000 conversations down the inbox, and 1,500 messages up the longest thread. */
  inboxCursor: string;
  threadCursor: string;
}

/** Every list and search route, with the big tables its own statements must be seen reading. */
const ROUTES: [path: string, reads: BigTable[]][] = [
  ['/conversations', ['conversations']],
  ['/conversations?status=open', ['conversations']],
  ['/conversations?status=pending', ['conversations']],
  ['/conversations?status=resolved', ['conversations']],
  ['/conversations?assigneeId={agentId}', ['conversations']],
  ['/conversations?assigneeId=me', ['conversations']],
  ['/conversations?unassigned=true', ['conversations']],
  ['/conversations?status=open&assigneeId={agentId}', ['conversations']],
  ['/conversations?status=open&unassigned=true', ['conversations']],
  ['/conversations?whatsappAccountId={numberId}', ['conversations']],
  ['/conversations?whatsappAccountId={numberId}&status=open', ['conversations']],
  ['/conversations?search=Silva', ['conversations', 'contacts']],
  ['/conversations?search=Zzyzx', ['conversations', 'contacts']],
  ['/conversations?search={digits}', ['conversations', 'contacts']],
  ['/conversations?search=Silva&status=open', ['conversations', 'contacts']],
  ['/conversations?cursor={inboxCursor}', ['conversations']],
  ['/conversations/{threadId}/messages', ['messages']],
  ['/conversations/{threadId}/messages?cursor={threadCursor}', ['messages']],
  ['/contacts', ['contacts']],
  ['/contacts?search=Silva', ['contacts']],
  ['/contacts?search=Zzyzx', ['contacts']],
  ['/contacts?search={digits}', ['contacts']],
  ['/contacts?tag=x', ['contacts']],
  ['/dashboard/overview', ['conversations', 'messages']],
];

function fill(path: string, seeded: Seeded): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in seeded)) throw new Error(`No seeded value for {${name}} in ${path}`);
    return seeded[name as keyof Seeded];
  });
}

/** The plan's nodes (InitPlans and SubPlans included) that read contacts, conversations or messages. */
const bigTableScans = (explainer: Client, statement: Statement) => tableScans(explainer, statement, BIG_TABLES);

describe('Query plans of a large tenant', () => {
  let t: TestApp;
  let admin: Member;
  let seeded: Seeded;
  let explainer: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerTenant(t, 'Big Inbox Co');

    await seedInboxes(t, [{ tenantId: admin.tenantId, ...SEED }]);

    const [facts] = await t.sql(
      `SELECT (SELECT id FROM users WHERE tenant_id = $1 AND role = 'agent' ORDER BY id LIMIT 1) AS agent_id,
              (SELECT id FROM whatsapp_accounts WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1) AS number_id,
              (SELECT substr(wa_id, 4, 8) FROM contacts WHERE tenant_id = $1 ORDER BY id LIMIT 1) AS digits,
              (SELECT conversation_id FROM messages WHERE tenant_id = $1
               GROUP BY conversation_id ORDER BY count(*) DESC LIMIT 1) AS thread_id`,
      [admin.tenantId],
    );
    const threadId = String(facts?.thread_id);
    const [inboxRow] = await t.sql(
      `SELECT id, last_message_at AS at FROM conversations WHERE tenant_id = $1
       ORDER BY last_message_at DESC, id DESC OFFSET 5000 LIMIT 1`,
      [admin.tenantId],
    );
    const [threadRow] = await t.sql(
      `SELECT id, created_at AS at FROM messages WHERE conversation_id = $1
       ORDER BY created_at DESC, id DESC OFFSET 1500 LIMIT 1`,
      [threadId],
    );
    const cursorAt = (row: Record<string, unknown> | undefined) =>
      encodeCursor({ createdAt: row?.at as Date, id: String(row?.id) });
    seeded = {
      agentId: String(facts?.agent_id),
      numberId: String(facts?.number_id),
      digits: String(facts?.digits),
      threadId,
      inboxCursor: cursorAt(inboxRow),
      threadCursor: cursorAt(threadRow),
    };

    explainer = new Client({ connectionString: t.config.DATABASE_URL });
    await explainer.connect();
  }, 120_000);

  afterAll(async () => {
    await explainer?.end();
    await t?.close();
  });

  it('should list a full first page of the seeded inbox when the tenant is large', async () => {
    const res = await t.http().get('/conversations').auth(admin.token, { type: 'bearer' }).expect(200);
    const [stored] = await t.sql('SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1', [admin.tenantId]);

    expect((res.body as Page<unknown>).data).toHaveLength(50);
    expect(stored).toEqual({ n: SEED.messages });
  });

  it.each(ROUTES)(
    'should plan no sequential scan of contacts, conversations or messages when GET %s runs on a large tenant',
    async (path, reads) => {
      const statements = await capture(() =>
        t.http().get(fill(path, seeded)).auth(admin.token, { type: 'bearer' }).expect(200),
      );

      const read = new Set<string>();
      const offenders: string[] = [];
      let reading = 0;
      for (const statement of statements) {
        const scans = await bigTableScans(explainer, statement);
        if (scans.length > 0) reading++;
        for (const { relation, node } of scans) {
          read.add(relation);
          if (node['Node Type'] === 'Seq Scan')
            offenders.push(
              `GET ${path}: Seq Scan on ${relation} (filter ${node.Filter ?? 'none'}) in ${oneLine(statement.text)}`,
            );
        }
      }

      // A capture that missed the route's own statements would pass vacuously: each table it reads must show up.
      expect(reading).toBeGreaterThanOrEqual(1);
      expect([...read]).toEqual(expect.arrayContaining(reads));
      expect(offenders).toEqual([]);
    },
  );

  it('should count the month’s outbound messages from the rollups, reading no message, when the tenant is large', async () => {
    const superAdmin = await createPlatformAdmin(t);
    const statements = await capture(() =>
      t.http().get(`/admin/tenants/${admin.tenantId}/limits`).auth(superAdmin.token, { type: 'bearer' }).expect(200),
    );

    const messageScans: string[] = [];
    for (const statement of statements) {
      for (const { relation, node } of await bigTableScans(explainer, statement)) {
        if (relation === 'messages') messageScans.push(`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());
      }
    }

    // Every check of the limit runs this count before a send: the month's rollups (docs/adr/0127), never the messages.
    expect(messageScans).toEqual([]);
    const rollupReads = statements.filter((s) => /FROM message_stats WHERE tenant_id = \$1 AND day >= /.test(s.text));
    expect(rollupReads).toHaveLength(1);
  });

  it('should count a conversation’s automated messages from their own index alone when the tenant is large', async () => {
    const statements = await capture(() =>
      TenantScope.forTenant(admin.tenantId, () =>
        t.app.get(MessageRepository).countAutomatedLastHour(admin.tenantId, seeded.threadId),
      ),
    );

    // Run under a lock before every automated send: with the tenant's unique key in the plan, it read an index
    // entry for every message of the workspace (docs/adr/0211).
    const reads: string[] = [];
    for (const statement of statements)
      for (const { node } of await bigTableScans(explainer, statement))
        reads.push(`${node['Index Name'] ?? node['Node Type']}: ${node['Index Cond'] ?? ''}`);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/^messages_automated_tenant_idx: .*tenant_id = .*conversation_id = .*created_at >/);
  });

  it('should read only the outbound deltas when the monthly limits count a tenant’s outbound messages', async () => {
    // A busy workspace's inbound traffic, not folded yet; and one outbound message.
    await t.sql(
      `INSERT INTO message_stats_deltas (tenant_id, day, whatsapp_account_id, direction, message_type, template_name,
         template_language, template_category, pricing_category, agent_id, automated_by, messages, delivered, read,
         failed, replied, billable, meta_cost_micros, ai_prompt_tokens, ai_completion_tokens)
       SELECT $1, current_date, $2, CASE WHEN g = 1 THEN 'outbound' ELSE 'inbound' END, 'text', '', '', '', '',
         '00000000-0000-0000-0000-000000000000', '', 1, 0, 0, 0, 0, 0, 0, 0, 0
       FROM generate_series(1, 20000) g`,
      [admin.tenantId, seeded.numberId],
    );
    await t.sql('ANALYZE message_stats_deltas');
    try {
      let counted = 0;
      const statements = await capture(async () => {
        counted = await TenantScope.forTenant(admin.tenantId, () =>
          t.app.get(UsageService).outboundThisMonth(admin.tenantId),
        );
      });

      const deltaReads: string[] = [];
      for (const statement of statements)
        for (const { node } of await tableScans(explainer, statement, ['message_stats_deltas']))
          deltaReads.push(`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());
      expect(deltaReads.length).toBeGreaterThanOrEqual(1);
      expect(deltaReads.every((read) => read.endsWith('message_stats_deltas_outbound_idx'))).toBe(true);
      expect(counted).toBeGreaterThanOrEqual(1);
    } finally {
      await t.sql('DELETE FROM message_stats_deltas WHERE tenant_id = $1', [admin.tenantId]);
    }
  });
});
