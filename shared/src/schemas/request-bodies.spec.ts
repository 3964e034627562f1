import type { z } from 'zod';
import {
  adminLoginSchema,
  createAdminInvitationSchema,
  totpConfirmSchema,
  updatePlatformAdminSchema,
} from './admin-auth';
import { setPresenceSchema, teamSchema, updateTeamSchema } from './automation';
import { acceptInvitationSchema, changePasswordSchema, loginSchema, registerSchema, updateProfileSchema } from './auth';
import { createContactSchema, listContactsQuerySchema, startConversationSchema, updateContactSchema } from './contacts';
import { createNoteSchema, listConversationsQuerySchema, updateConversationSchema } from './conversations';
import { strictObject } from './fields';
import { fieldsOfIssues } from './issue-fields';
import { changePlanSchema, createPlanSchema, updatePlanSchema } from './billing';
import { updateLimitDefaultsSchema, updateTenantLimitsSchema } from './limits';
import { uploadMediaSchema } from './media';
import { sendMessageSchema } from './outbound';
import {
  createTemplateSchema,
  listTemplatesQuerySchema,
  syncTemplatesSchema,
  uploadHeaderSampleSchema,
} from './templates';
import { updateTenantSchema } from './tenants';
import { createInvitationSchema, updateUserSchema } from './users';
import { embeddedSignupSchema } from './whatsapp';

const ID = '2f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b11';

/** Every request body the API validates, each with a body it accepts. */
const BODIES: [string, z.ZodType, Record<string, unknown>][] = [
  [
    'POST /auth/register',
    registerSchema,
    { tenantName: 'Acme', name: 'Ana', email: 'a@b.co', password: 'long enough pw' },
  ],
  ['POST /auth/login', loginSchema, { email: 'a@b.co', password: 'pw' }],
  [
    'POST /auth/accept-invitation',
    acceptInvitationSchema,
    { token: 'x'.repeat(43), name: 'Ana', password: 'long enough pw' },
  ],
  ['POST /auth/password', changePasswordSchema, { currentPassword: 'old', newPassword: 'long enough pw' }],
  ['PATCH /auth/me', updateProfileSchema, { name: 'Ana' }],
  ['POST /contacts', createContactSchema, { phone: '+351 912 000 001', tags: ['vip'], attributes: { city: 'Lisboa' } }],
  ['PATCH /contacts/:id', updateContactSchema, { name: 'Ana' }],
  ['POST /contacts/:id/conversations', startConversationSchema, { whatsappAccountId: ID }],
  ['PATCH /conversations/:id', updateConversationSchema, { status: 'resolved' }],
  ['POST /conversations/:id/notes', createNoteSchema, { body: 'Called back' }],
  ['POST /conversations/:id/messages', sendMessageSchema, { type: 'text', text: { body: 'Hi' } }],
  ['POST /media (form fields)', uploadMediaSchema, { whatsappAccountId: ID }],
  ['PATCH /tenants/me', updateTenantSchema, { timeZone: 'Europe/Lisbon' }],
  ['POST /users/invitations', createInvitationSchema, { email: 'a@b.co' }],
  ['PATCH /users/:id', updateUserSchema, { active: false }],
  ['POST /whatsapp/embedded-signup', embeddedSignupSchema, { code: 'c', wabaId: '1', phoneNumberId: '2' }],
  [
    'POST /templates',
    createTemplateSchema,
    {
      whatsappAccountId: ID,
      name: 'hello',
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi' }],
    },
  ],
  [
    'POST /templates/header-samples (form fields)',
    uploadHeaderSampleSchema,
    { whatsappAccountId: ID, format: 'IMAGE' },
  ],
  ['POST /templates/sync', syncTemplatesSchema, { whatsappAccountId: ID }],
  ['POST /admin/auth/login', adminLoginSchema, { email: 'a@b.co', password: 'pw', totp: '123 456' }],
  ['POST /admin/auth/totp/confirm', totpConfirmSchema, { code: '123456' }],
  ['POST /admin/admins/invitations', createAdminInvitationSchema, { email: 'a@b.co', role: 'super_admin' }],
  ['PATCH /admin/admins/:id', updatePlatformAdminSchema, { active: false, reason: 'Left the company' }],
  [
    'PUT /admin/limits',
    updateLimitDefaultsSchema,
    {
      values: {
        agents: 5,
        whatsappNumbers: null,
        contacts: 1000,
        outboundMessagesPerMonth: 10_000,
        campaignRecipientsPerMonth: 500,
        aiRepliesPerMonth: null,
      },
    },
  ],
  ['PUT /admin/tenants/:id/limits', updateTenantLimitsSchema, { overrides: { agents: 3 }, reason: 'Trial' }],
  [
    'POST /admin/plans',
    createPlanSchema,
    {
      code: 'pro',
      name: 'Pro',
      description: '',
      quotas: {
        agents: 10,
        whatsappNumbers: 3,
        contacts: null,
        outboundMessagesPerMonth: 20_000,
        campaignRecipientsPerMonth: 10_000,
        aiRepliesPerMonth: 2000,
      },
      prices: [
        {
          currency: 'EUR',
          monthlyMinor: 9900,
          overageMinor: {
            agents: 1000,
            whatsappNumbers: null,
            outboundMessages: 400,
            campaignRecipients: 400,
            aiReplies: null,
          },
        },
      ],
      trialDays: 0,
      active: true,
      sortOrder: 2,
    },
  ],
  ['PATCH /admin/plans/:id', updatePlanSchema, { trialDays: 7, reason: 'Spring offer' }],
  ['POST /billing/subscription/change', changePlanSchema, { planId: ID, currency: 'USD' }],
  ['PATCH /users/:id (capacity)', updateUserSchema, { capacity: 3 }],
  ['PUT /users/me/presence', setPresenceSchema, { status: 'away' }],
  ['POST /teams', teamSchema, { name: 'Billing', memberIds: [ID] }],
  ['PATCH /teams/:id', updateTeamSchema, { name: 'Payments' }],
  ['PATCH /conversations/:id (team)', updateConversationSchema, { teamId: ID }],
];

describe(strictObject.name, () => {
  it.each(BODIES)('should accept the body of %s when it has only known fields', (_route, schema, body) => {
    expect(schema.safeParse(body).error?.issues).toBeUndefined();
  });

  it.each(BODIES)('should refuse an unknown field of %s and name it', (_route, schema, body) => {
    const result = schema.safeParse({ ...body, unexpected: 1 });

    expect(result.success).toBe(false);
    expect(fieldsOfIssues(result.error?.issues ?? [])).toEqual({
      unexpected: expect.stringMatching(/^Unknown field; /),
    });
  });

  it.each([
    ['GET /contacts', listContactsQuerySchema],
    ['GET /conversations', listConversationsQuerySchema],
    ['GET /templates', listTemplatesQuerySchema],
  ])('should ignore an unknown parameter of %s, as query strings gather them on their way', (_route, schema) => {
    expect(schema.safeParse({ limit: '10', utm_source: 'newsletter' }).success).toBe(true);
  });
});
