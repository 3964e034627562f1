import { embeddedSignupSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class EmbeddedSignupDto extends createZodDto(embeddedSignupSchema) {}
