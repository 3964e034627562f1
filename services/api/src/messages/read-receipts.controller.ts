import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ConversationDto } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { ReadReceiptsService } from './read-receipts.service';

/** Reading a conversation, here because it also reads its messages (for WhatsApp's read receipt). */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class ReadReceiptsController {
  constructor(private readonly readReceipts: ReadReceiptsService) {}

  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<ConversationDto> {
    return this.readReceipts.markRead(principal, params.id);
  }
}
