import { uploadMediaSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class UploadMediaDto extends createZodDto(uploadMediaSchema) {}
