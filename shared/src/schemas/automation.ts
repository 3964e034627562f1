import { z } from 'zod';
import { CONVERSATION_STATUSES } from '../constants/messaging';
import {
  type AGENT_PRESENCES,
  ASSIGN_STRATEGIES,
  AUTOMATION_TRIGGER_TYPES,
  KEYWORD_MATCHES,
  WEEKDAYS,
  type Weekday,
} from '../types/automation';
import { pageQuerySchema, strictObject, timeZoneField } from './fields';

export const AUTOMATION_LIMITS = {
  nameMaxLength: 120,
  keywordsMax: 50,
  keywordMaxLength: 200,
  conditionsMax: 20,
  actionsMax: 10,
  textMaxLength: 4096,
  noReplyMinutesMax: 7 * 24 * 60,
  instructionsMaxLength: 8_000,
  articleTitleMaxLength: 200,
  articleBodyMaxLength: 20_000,
  capacityMax: 1_000,
  automatedMessagesPerHourMax: 1_000,
} as const;

const listOf = (values: readonly string[]) => values.join(', ');
const clock = (field: string, allowMidnight = false) =>
  z
    .string({ error: `${field} is required` })
    .regex(allowMidnight ? /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/, {
      message: `${field} must be a time as HH:MM (24 h)`,
    });

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

export const automationTriggerSchema = strictObject({
  type: z.enum(AUTOMATION_TRIGGER_TYPES, {
    error: `trigger.type must be one of: ${listOf(AUTOMATION_TRIGGER_TYPES)}`,
  }),
  keywords: z
    .array(z.string().trim().min(1, 'keywords must not be empty').max(AUTOMATION_LIMITS.keywordMaxLength))
    .max(AUTOMATION_LIMITS.keywordsMax)
    .optional(),
  match: z.enum(KEYWORD_MATCHES, { error: `trigger.match must be one of: ${listOf(KEYWORD_MATCHES)}` }).optional(),
  minutes: z
    .number({ error: 'trigger.minutes must be a number of minutes' })
    .int('trigger.minutes must be a whole number of minutes')
    .min(1)
    .max(AUTOMATION_LIMITS.noReplyMinutesMax)
    .optional(),
}).superRefine((trigger, ctx) => {
  if (trigger.type === 'no_reply' && trigger.minutes === undefined)
    ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'trigger.minutes is required for no_reply' });
  if (trigger.type !== 'no_reply' && trigger.minutes !== undefined)
    ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'trigger.minutes applies to no_reply only' });
  if (trigger.type !== 'message_received' && (trigger.keywords !== undefined || trigger.match !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['keywords'],
      message: 'trigger.keywords and trigger.match apply to message_received only',
    });
  if (trigger.match === 'regex')
    trigger.keywords?.forEach((keyword, i) => {
      if (!isRegExp(keyword))
        ctx.addIssue({
          code: 'custom',
          path: ['keywords', i],
          message: `trigger.keywords[${i}] is not a regular expression`,
        });
    });
});

const negate = z.boolean().optional();
export const automationConditionSchema = z.discriminatedUnion(
  'type',
  [
    strictObject({ type: z.literal('number'), negate, whatsappAccountIds: z.array(z.uuid()).min(1).max(100) }),
    strictObject({ type: z.literal('contact_tag'), negate, tag: z.string().trim().min(1).max(100) }),
    strictObject({
      type: z.literal('contact_attribute'),
      negate,
      key: z.string().trim().min(1).max(100),
      op: z.enum(['equals', 'contains', 'exists']),
      value: z.string().max(1000).optional(),
    }),
    strictObject({
      type: z.literal('conversation_status'),
      negate,
      statuses: z.array(z.enum(CONVERSATION_STATUSES)).min(1),
    }),
    strictObject({
      type: z.literal('assignee'),
      negate,
      is: z.enum(['nobody', 'anyone', 'agent']),
      agentId: z.uuid().optional(),
    }),
    strictObject({
      type: z.literal('time_of_day'),
      negate,
      from: clock('from'),
      to: clock('to', true),
      days: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
    }),
    strictObject({
      type: z.literal('message_type'),
      negate,
      messageTypes: z.array(z.string().trim().min(1).max(40)).min(1).max(30),
    }),
  ],
  {
    error:
      'conditions[].type must be one of: number, contact_tag, contact_attribute, conversation_status, assignee, time_of_day, message_type',
  },
);

const text = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(AUTOMATION_LIMITS.textMaxLength, `${field} must be at most ${AUTOMATION_LIMITS.textMaxLength} characters`);
const variableSource = z.union([
  strictObject({ field: z.string().trim().min(1, 'field is required').max(100) }),
  strictObject({ text: z.string().max(1024) }),
]);

export const automationActionSchema = z.discriminatedUnion(
  'type',
  [
    strictObject({ type: z.literal('reply_text'), text: text('text') }),
    strictObject({
      type: z.literal('send_template'),
      name: z.string({ error: 'name is required' }).min(1, 'name is required'),
      language: z.string({ error: 'language is required' }).min(1, 'language is required'),
      variables: z.record(z.string().min(1), variableSource).optional(),
    }),
    strictObject({
      type: z.literal('assign'),
      strategy: z.enum(ASSIGN_STRATEGIES, { error: `strategy must be one of: ${listOf(ASSIGN_STRATEGIES)}` }),
      agentId: z.uuid({ error: 'agentId must be a user id' }).optional(),
      teamId: z.uuid({ error: 'teamId must be a team id' }).optional(),
    }).refine((a) => a.strategy !== 'agent' || a.agentId !== undefined, {
      path: ['agentId'],
      message: 'agentId is required when strategy is agent',
    }),
    strictObject({ type: z.literal('add_tag'), tag: z.string().trim().min(1, 'tag is required').max(100) }),
    strictObject({ type: z.literal('remove_tag'), tag: z.string().trim().min(1, 'tag is required').max(100) }),
    strictObject({
      type: z.literal('set_status'),
      status: z.enum(CONVERSATION_STATUSES, { error: `status must be one of: ${listOf(CONVERSATION_STATUSES)}` }),
    }),
    strictObject({ type: z.literal('add_note'), text: text('text') }),
    strictObject({ type: z.literal('ai_reply') }),
    strictObject({ type: z.literal('call_webhook'), endpointId: z.uuid().optional() }),
  ],
  {
    error:
      'actions[].type must be one of: reply_text, send_template, assign, add_tag, remove_tag, set_status, add_note, ai_reply, call_webhook',
  },
);

const ruleName = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, 'name is required')
  .max(AUTOMATION_LIMITS.nameMaxLength, `name must be at most ${AUTOMATION_LIMITS.nameMaxLength} characters`);
const ruleFields = {
  name: ruleName,
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  position: z.number().int().min(0).max(1_000_000).optional(),
  stopAfter: z.boolean().optional(),
  trigger: automationTriggerSchema,
  conditions: z.array(automationConditionSchema).max(AUTOMATION_LIMITS.conditionsMax),
  actions: z
    .array(automationActionSchema)
    .min(1, 'actions must hold at least one action')
    .max(AUTOMATION_LIMITS.actionsMax),
};

/** `POST /automation/rules`. */
export const createAutomationRuleSchema = strictObject({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  conditions: ruleFields.conditions.default([]),
});
export type CreateAutomationRuleBody = z.infer<typeof createAutomationRuleSchema>;

/** `PATCH /automation/rules/:id`: any of the fields; a list given replaces the rule's list. */
export const updateAutomationRuleSchema = strictObject({
  name: ruleName.optional(),
  enabled: ruleFields.enabled.optional(),
  position: ruleFields.position,
  stopAfter: ruleFields.stopAfter,
  trigger: automationTriggerSchema.optional(),
  conditions: ruleFields.conditions.optional(),
  actions: ruleFields.actions.optional(),
}).refine((v) => Object.keys(v).length > 0, { message: 'Provide at least one field to change' });
export type UpdateAutomationRuleBody = z.infer<typeof updateAutomationRuleSchema>;

export const listAutomationRunsQuerySchema = pageQuerySchema.extend({
  ruleId: z.uuid({ error: 'ruleId must be a rule id' }).optional(),
  conversationId: z.uuid({ error: 'conversationId must be a conversation id' }).optional(),
});
export type ListAutomationRunsQuery = z.infer<typeof listAutomationRunsQuerySchema>;

const interval = strictObject({ from: clock('from'), to: clock('to', true) }).refine((i) => i.from < i.to, {
  message: 'from must be before to',
});
/** `PUT /automation/business-hours`. */
export const businessHoursSchema = strictObject({
  timeZone: timeZoneField('timeZone'),
  weekly: strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(interval).max(6).default([])])) as Record<
      Weekday,
      z.ZodDefault<z.ZodArray<typeof interval>>
    >,
  ),
  holidays: z
    .array(
      strictObject({
        date: z.iso.date({ error: 'holidays[].date must be a date as YYYY-MM-DD' }),
        name: z.string().trim().max(120).optional(),
      }),
    )
    .max(366)
    .default([]),
});
export type BusinessHoursBody = z.infer<typeof businessHoursSchema>;

/** `PUT /automation/ai`; `provider: null` goes back to the platform's provider. */
export const aiSettingsSchema = strictObject({
  enabled: z.boolean({ error: 'enabled must be true or false' }),
  instructions: z
    .string()
    .max(
      AUTOMATION_LIMITS.instructionsMaxLength,
      `instructions must be at most ${AUTOMATION_LIMITS.instructionsMaxLength} characters`,
    )
    .default(''),
  provider: strictObject({
    baseUrl: z.url({ protocol: /^https?$/, error: 'provider.baseUrl must be an http(s) URL' }),
    model: z.string().trim().min(1, 'provider.model is required').max(200),
    /** Omitted: keep the key stored before. */
    apiKey: z.string().min(1).max(500).optional(),
  })
    .nullable()
    .optional(),
});
export type AiSettingsBody = z.infer<typeof aiSettingsSchema>;

/** `POST /automation/knowledge`. */
export const createKnowledgeArticleSchema = strictObject({
  title: z
    .string({ error: 'title is required' })
    .trim()
    .min(1, 'title is required')
    .max(
      AUTOMATION_LIMITS.articleTitleMaxLength,
      `title must be at most ${AUTOMATION_LIMITS.articleTitleMaxLength} characters`,
    ),
  body: z
    .string({ error: 'body is required' })
    .trim()
    .min(1, 'body is required')
    .max(
      AUTOMATION_LIMITS.articleBodyMaxLength,
      `body must be at most ${AUTOMATION_LIMITS.articleBodyMaxLength} characters`,
    ),
});
export type CreateKnowledgeArticleBody = z.infer<typeof createKnowledgeArticleSchema>;

/** `GET /automation/knowledge`: newest first; `q` keeps the articles whose title or text hold its words. */
export const listKnowledgeQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q must be at most 200 characters').optional(),
});
export type ListKnowledgeQuery = z.infer<typeof listKnowledgeQuerySchema>;

/** `PUT /users/me/presence`: offline is what a closed dashboard is, never chosen. */
export const setPresenceSchema = strictObject({
  status: z.enum(['online', 'away'] as const satisfies readonly (typeof AGENT_PRESENCES)[number][], {
    error: 'status must be one of: online, away',
  }),
});
export type SetPresenceBody = z.infer<typeof setPresenceSchema>;

/** A team of agents, a routing target and an inbox filter. */
export const teamSchema = strictObject({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(120),
  memberIds: z
    .array(z.uuid({ error: 'memberIds must hold user ids' }))
    .max(500)
    .default([]),
});
export type TeamBody = z.infer<typeof teamSchema>;
export const updateTeamSchema = strictObject({
  name: teamSchema.shape.name.optional(),
  memberIds: z
    .array(z.uuid({ error: 'memberIds must hold user ids' }))
    .max(500)
    .optional(),
});
export type UpdateTeamBody = z.infer<typeof updateTeamSchema>;

/** `PUT /automation/settings`: the cap on automated messages (rules and AI) per conversation and hour. */
export const automationSettingsSchema = strictObject({
  maxAutomatedMessagesPerHour: z
    .number({ error: 'maxAutomatedMessagesPerHour must be a number' })
    .int('maxAutomatedMessagesPerHour must be a whole number')
    .min(0, 'maxAutomatedMessagesPerHour must be 0 or more')
    .max(
      AUTOMATION_LIMITS.automatedMessagesPerHourMax,
      `maxAutomatedMessagesPerHour must be at most ${AUTOMATION_LIMITS.automatedMessagesPerHourMax}`,
    ),
});
export type AutomationSettingsBody = z.infer<typeof automationSettingsSchema>;
