import { Module } from '@nestjs/common';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { AdminWhatsAppAccountsController } from './admin-whatsapp-accounts.controller';

/** `/admin/whatsapp-accounts`: the numbers are the whatsapp module's; this module only opens them to admins. */
@Module({ imports: [WhatsAppModule], controllers: [AdminWhatsAppAccountsController] })
export class AdminWhatsAppAccountsModule {}
