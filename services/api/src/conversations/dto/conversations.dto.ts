import {
  createNoteSchema,
  listConversationsQuerySchema,
  pageQuerySchema,
  updateConversationSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class ListConversationsQueryDto extends createZodDto(listConversationsQuerySchema) {}
export class UpdateConversationDto extends createZodDto(updateConversationSchema) {}
export class CreateNoteDto extends createZodDto(createNoteSchema) {}
export class PageQueryDto extends createZodDto(pageQuerySchema) {}
