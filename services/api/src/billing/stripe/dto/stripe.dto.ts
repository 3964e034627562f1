import { checkoutSchema } from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CheckoutDto extends createZodDto(checkoutSchema) {}
