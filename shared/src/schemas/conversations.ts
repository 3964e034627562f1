import { z } from 'zod';
import { CONVERSATION_STATUSES } from '../constants/messaging';
import { pageQuerySchema, strictObject } from './fields';

export const listConversationsQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(CONVERSATION_STATUSES, { error: `status must be one of: ${CONVERSATION_STATUSES.join(', ')}` })
    .optional(),
  /** A user id, or `me` for the caller. */
  assigneeId: z.union([z.literal('me'), z.uuid({ error: 'assigneeId must be a user id or "me"' })]).optional(),
  unassigned: z
    .enum(['true', 'false'], { error: 'unassigned must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a UUID' }).optional(),
  teamId: z.uuid({ error: 'teamId must be a team id' }).optional(),
  search: z.string().trim().min(1).max(100).optional(),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

export const updateConversationSchema = strictObject({
  status: z
    .enum(CONVERSATION_STATUSES, { error: `status must be one of: ${CONVERSATION_STATUSES.join(', ')}` })
    .optional(),
  assigneeId: z.uuid({ error: 'assigneeId must be a user id' }).nullable().optional(),
  teamId: z.uuid({ error: 'teamId must be a team id' }).nullable().optional(),
}).refine((v) => v.status !== undefined || v.assigneeId !== undefined || v.teamId !== undefined, {
  message: 'Provide at least one of: status, assigneeId, teamId',
});
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

export const createNoteSchema = strictObject({
  body: z.string({ error: 'body is required' }).trim().min(1, 'A note cannot be empty').max(10_000),
});
export type CreateNoteInput = z.infer<typeof createNoteSchema>;
