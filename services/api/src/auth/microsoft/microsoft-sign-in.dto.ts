import { microsoftSignInSettingsSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class MicrosoftSignInSettingsBodyDto extends createZodDto(microsoftSignInSettingsSchema) {}

/** The authority's answer on the redirect: unknown or repeated parameters are the authority's business. */
export class MicrosoftCallbackQueryDto extends createZodDto(
  z.object({ code: z.string().max(4096).optional(), state: z.string().max(200).optional() }),
) {}
