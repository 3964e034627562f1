import { z } from 'zod';
import { ENTRY_POINT_KINDS, WIDGET_POSITIONS } from '../types/click-to-chat';
import { strictObject } from './fields';

const nameField = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, 'name is required')
  .max(100, 'name must be at most 100 characters');

// wa.me links get long fast once URL-encoded: a short text keeps QR codes scannable.
const prefilledTextField = z
  .string({ error: 'prefilledText must be text' })
  .trim()
  .max(500, 'prefilledText must be at most 500 characters');

export const widgetSettingsSchema = strictObject({
  greeting: z
    .string({ error: 'widget.greeting must be text' })
    .trim()
    .min(1, 'widget.greeting is required')
    .max(200, 'widget.greeting must be at most 200 characters'),
  position: z.enum(WIDGET_POSITIONS, { error: `widget.position must be one of: ${WIDGET_POSITIONS.join(', ')}` }),
  color: z
    .string({ error: 'widget.color must be text' })
    .regex(/^#[0-9a-fA-F]{6}$/, 'widget.color must be a colour like #25d366')
    .transform((color) => color.toLowerCase()),
});
export type WidgetSettingsInput = z.infer<typeof widgetSettingsSchema>;

/** `POST /click-to-chat/entry-points`. A widget takes its settings; a link or QR code has none. */
export const createEntryPointSchema = strictObject({
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a UUID' }),
  name: nameField,
  kind: z.enum(ENTRY_POINT_KINDS, { error: `kind must be one of: ${ENTRY_POINT_KINDS.join(', ')}` }),
  prefilledText: prefilledTextField.default(''),
  widget: widgetSettingsSchema.optional(),
}).refine((input) => input.kind === 'widget' || input.widget === undefined, {
  message: 'widget is only for entry points of kind widget',
  path: ['widget'],
});
export type CreateEntryPointInput = z.infer<typeof createEntryPointSchema>;

/** `PATCH /click-to-chat/entry-points/:id`: the number, kind and ref stay. */
export const updateEntryPointSchema = strictObject({
  name: nameField.optional(),
  prefilledText: prefilledTextField.optional(),
  widget: widgetSettingsSchema.optional(),
});
export type UpdateEntryPointInput = z.infer<typeof updateEntryPointSchema>;

export const entryPointListQuerySchema = z.object({
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a UUID' }).optional(),
});

export const widgetRefParamSchema = z.object({
  ref: z.string().regex(/^[a-z0-9]{6}$/, 'ref must be six lowercase letters or digits'),
});
