import {
  contactFilterSchema,
  createContactSchema,
  listContactsQuerySchema,
  startConversationSchema,
  updateContactSchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateContactDto extends createZodDto(createContactSchema) {}
export class UpdateContactDto extends createZodDto(updateContactSchema) {}
export class ListContactsQueryDto extends createZodDto(listContactsQuerySchema) {}
export class ExportContactsQueryDto extends createZodDto(contactFilterSchema) {}
export class ContactIdParamDto extends createZodDto(uuidParamSchema) {}
export class StartConversationDto extends createZodDto(startConversationSchema) {}
