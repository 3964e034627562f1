import { messagesValueSchema } from './webhook-payload';

const value = (message: Record<string, unknown>, contacts: unknown[] = []) => ({
  metadata: { phone_number_id: '106540352242922' },
  contacts,
  messages: [{ id: 'wamid.1', timestamp: '1739321024', type: 'text', text: { body: 'Hi' }, ...message }],
});

describe('messagesValueSchema', () => {
  it('should read a message from a customer known only by user id, with the username and parent user id', () => {
    const parsed = messagesValueSchema.parse(
      value({ from_user_id: 'US.13491208655302741918' }, [
        {
          user_id: 'US.13491208655302741918',
          parent_user_id: 'US.ENT.11815799212886844830',
          profile: { name: 'Ana', username: 'ana.lima' },
        },
      ]),
    );

    expect(parsed.messages?.[0]).toMatchObject({ from_user_id: 'US.13491208655302741918' });
    expect(parsed.messages?.[0]).not.toHaveProperty('from');
    expect(parsed.contacts?.[0]).toMatchObject({
      parent_user_id: 'US.ENT.11815799212886844830',
      profile: { username: 'ana.lima' },
    });
  });

  it('should refuse a message with neither from nor from_user_id, naming the fields', () => {
    const result = messagesValueSchema.safeParse(value({}));

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['messages', 0, 'from'],
      message: expect.stringMatching(/from .*from_user_id/),
    });
  });

  it('should keep a status that names its recipient by user id only', () => {
    const parsed = messagesValueSchema.parse({
      metadata: { phone_number_id: '1' },
      statuses: [{ id: 'wamid.2', status: 'read', timestamp: '1', recipient_user_id: 'US.13491208655302741918' }],
    });

    expect(parsed.statuses?.[0]).toMatchObject({ recipient_user_id: 'US.13491208655302741918' });
  });
});
