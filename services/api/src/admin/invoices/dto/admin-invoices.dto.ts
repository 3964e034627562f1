import { invoiceActionSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class InvoiceActionDto extends createZodDto(invoiceActionSchema) {}
