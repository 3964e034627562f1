import { z } from 'zod';
import { strictObject } from './fields';

/** The text field of the `POST /media` multipart form; the file itself travels in the `file` field. */
export const uploadMediaSchema = strictObject({
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be the id of one of your WhatsApp numbers' }),
});
export type UploadMediaInput = z.infer<typeof uploadMediaSchema>;
