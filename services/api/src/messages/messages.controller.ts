import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { type MessageDto, type Page, sendMessageSchema, type SendMessageInput } from '@aerostic/shared';
import { ZodValidationPipe } from 'nestjs-zod';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { PageQueryDto } from '../conversations/dto/conversations.dto';
import { IdParamDto } from '../users/dto/users.dto';
import { MessagesService } from './messages.service';
import { SendMessageService } from './send-message.service';
import { ApiKeyScoped } from '../api-keys/api-key-scope.decorator';
import { PUBLIC_API_EXAMPLES as EX } from '../api-keys/public-api-examples';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('conversations/:id/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly sender: SendMessageService,
  ) {}

  /** Newest first; follow nextCursor for older messages. */
  @Get()
  @ApiKeyScoped('read', { summary: 'List a conversation’s messages, newest first', ...EX.listMessages })
  list(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: PageQueryDto,
  ): Promise<Page<MessageDto>> {
    return this.messages.list(principal, params.id, query);
  }

  /** Queues a message for WhatsApp; a retried request with the same Idempotency-Key answers the first message. */
  @Post()
  @ApiKeyScoped('send', { summary: 'Send a message in a conversation', status: 201, ...EX.sendMessage })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  send(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    // A union of message types: validated by its schema here (a DTO class cannot extend a union).
    @Body(new ZodValidationPipe(sendMessageSchema)) body: SendMessageInput,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<MessageDto> {
    return this.sender.send(principal, params.id, body, idempotencyKey);
  }
}
