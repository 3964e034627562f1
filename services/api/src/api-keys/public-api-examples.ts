/** Request and response examples of the OpenAPI "Public API" section: what a key's caller sends and gets. */
const CONVERSATION_ID = '5b0c1c2e-8a55-4a8e-9f3b-2f3c1d9e7a10';
const CONTACT = {
  id: '0e7f4a52-61b1-4a43-bb8e-6f9a2d1c3b44',
  waId: '14155550123',
  name: 'Grace Hopper',
  profileName: 'Grace',
};
const MESSAGE = {
  id: '9d2b7a61-3c4e-4f10-8a2b-7e6d5c4b3a21',
  conversationId: CONVERSATION_ID,
  direction: 'outbound',
  type: 'text',
  content: { text: { body: 'Your order has shipped.' } },
  status: 'pending',
  wamid: null,
  error: null,
  createdAt: '2026-12-07T10:15:00.000Z',
};
const CONVERSATION = {
  id: CONVERSATION_ID,
  status: 'open',
  assigneeId: null,
  contact: CONTACT,
  lastMessageAt: '2026-12-07T10:15:00.000Z',
  lastMessagePreview: 'Your order has shipped.',
  unreadCount: 0,
  window: { open: true, expiresAt: '2026-12-08T10:10:00.000Z' },
  createdAt: '2026-12-07T10:10:00.000Z',
  source: {
    type: 'entry_point',
    entryPointId: '3f1d2c4b-5a69-4e7d-8c1b-0a9e8d7c6b5a',
    kind: 'widget',
    name: 'Homepage',
    ref: 'ab12cd',
  },
};
const FULL_CONTACT = {
  ...CONTACT,
  tags: ['vip'],
  attributes: { city: 'Pune' },
  marketingConsent: 'unknown',
  createdAt: '2026-12-07T10:10:00.000Z',
  updatedAt: '2026-12-07T10:10:00.000Z',
};

export const PUBLIC_API_EXAMPLES = {
  sendMessage: { request: { type: 'text', text: { body: 'Your order has shipped.' } }, response: MESSAGE },
  listMessages: { response: { data: [MESSAGE], nextCursor: null } },
  listConversations: { response: { data: [CONVERSATION], nextCursor: null } },
  conversation: { response: CONVERSATION },
  listContacts: { response: { data: [FULL_CONTACT], nextCursor: null } },
  contact: { response: FULL_CONTACT },
  createContact: { request: { waId: '14155550123', name: 'Grace Hopper', tags: ['vip'] }, response: FULL_CONTACT },
  updateContact: { request: { name: 'Grace B. Hopper', tags: ['vip', 'wholesale'] }, response: FULL_CONTACT },
} as const;
