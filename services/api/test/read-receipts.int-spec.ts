import { type ConversationDto, type MarkReadJob, type Page, QUEUES, type WhatsAppAccountDto } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { queueOptions } from '../src/common/queue/queue-connection';
import { ConversationsService } from '../src/conversations/conversations.service';
import { type Member, registerTenant } from './support/builders';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/eventually';

type ReadReceipt = { phone_number_id: string; message_id: string };

/**
 * Reading a conversation in the inbox marks the customer's messages read on WhatsApp: sandbox → webhook-worker →
 * API, then API → message-worker → sandbox, every part real.
 */
describe(`${ConversationsService.name} read receipts`, () => {
  let t: TestApp;
  let stack: MetaStack;
  let sandbox: Service;
  let outbound: Queue<MarkReadJob>;
  let admin: Member;
  let account: WhatsAppAccountDto;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    sandbox = stack.sandbox;
    admin = await registerTenant(t, 'Reader Co');
    account = await stack.connectNumber(admin, 'Reader Co');
  });
  afterAll(async () => {
    await Promise.all([stack?.stop(), outbound?.close()]);
    await t.close();
  });

  /** Meta's timestamps are in seconds: `secondsAgo` keeps two messages of one test in a known order. */
  const customerWrites = async (waId: string, body: string, secondsAgo = 0) =>
    (
      await json<{ wamid: string }>(`${sandbox.url}/_sandbox/customers/${waId}/messages`, {
        body: {
          phone_number_id: account.phoneNumberId,
          type: 'text',
          text: { body },
          timestamp: String(Math.floor(Date.now() / 1000) - secondsAgo),
        },
      })
    ).wamid;

  const conversationOf = async (waId: string, unread: number): Promise<ConversationDto> =>
    eventually(
      async () =>
        (
          (await t.http().get(`/conversations?search=${waId}`).auth(admin.token, { type: 'bearer' }))
            .body as Page<ConversationDto>
        ).data[0],
      (c) => c?.unreadCount === unread,
    ) as Promise<ConversationDto>;

  const markRead = (member: Member, conversationId: string) =>
    t.http().post(`/conversations/${conversationId}/read`).auth(member.token, { type: 'bearer' });

  const receiptsFor = async (wamids: string[]) =>
    (
      await json<{ data: ReadReceipt[] }>(
        `${sandbox.url}/_sandbox/read-receipts?phone_number_id=${account.phoneNumberId}`,
      )
    ).data.filter((r) => wamids.includes(r.message_id));

  async function readJobsOf(conversationId: string): Promise<MarkReadJob[]> {
    const jobs = await outbound.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    return jobs
      .filter((j) => j.name === QUEUES.outboundMessages.jobs.markRead.name && j.data.conversationId === conversationId)
      .map((j) => j.data);
  }

  it('should mark the customer’s latest message read on WhatsApp once when the conversation is read', async () => {
    const first = await customerWrites('351914000001', 'Hello', 60);
    const last = await customerWrites('351914000001', 'Are you open on Sunday?');
    const conversation = await conversationOf('351914000001', 2);

    const res = await markRead(admin, conversation.id).expect(200);
    await markRead(admin, conversation.id).expect(200);

    expect((res.body as ConversationDto).unreadCount).toBe(0);
    const receipts = await eventually(
      () => receiptsFor([first, last]),
      (r) => r.length > 0,
    );
    expect(receipts).toEqual([
      {
        phone_number_id: account.phoneNumberId,
        message_id: last,
        typing_indicator: null,
        created_at: expect.any(String),
      },
    ]);
    expect(await readJobsOf(conversation.id)).toHaveLength(1);
  });

  it('should queue one read receipt when several agents read the conversation at once', async () => {
    const wamid = await customerWrites('351914000002', 'Anyone there?');
    const conversation = await conversationOf('351914000002', 1);

    await Promise.all([1, 2, 3].map(() => markRead(admin, conversation.id).expect(200)));

    const jobs = await readJobsOf(conversation.id);
    expect(jobs).toEqual([expect.objectContaining({ wamid, phoneNumberId: account.phoneNumberId })]);
    await eventually(
      () => receiptsFor([wamid]),
      (r) => r.length === 1,
    );
  });

  it('should send a new read receipt for a new message and none when nothing is unread', async () => {
    const earlier = await customerWrites('351914000003', 'First question');
    const conversation = await conversationOf('351914000003', 1);
    await markRead(admin, conversation.id).expect(200);
    await eventually(
      () => receiptsFor([earlier]),
      (r) => r.length === 1,
    );

    const later = await customerWrites('351914000003', 'Second question');
    await conversationOf('351914000003', 1);
    await markRead(admin, conversation.id).expect(200);
    await markRead(admin, conversation.id).expect(200);

    const receipts = await eventually(
      () => receiptsFor([earlier, later]),
      (r) => r.length === 2,
    );
    expect(receipts.map((r) => r.message_id)).toEqual([earlier, later]);
    expect((await readJobsOf(conversation.id)).map((j) => j.wamid)).toEqual(expect.arrayContaining([earlier, later]));
    expect(await readJobsOf(conversation.id)).toHaveLength(2);
  });

  it('should answer 404 and queue nothing when another workspace reads the conversation', async () => {
    await customerWrites('351914000004', 'Hi');
    const conversation = await conversationOf('351914000004', 1);
    const stranger = await registerTenant(t, 'Stranger Co');

    await markRead(stranger, conversation.id).expect(404);

    expect(await readJobsOf(conversation.id)).toEqual([]);
    expect((await conversationOf('351914000004', 1)).unreadCount).toBe(1);
  });
});
