import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ConversationDto, type NoteDto, type Page } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { ConversationsService } from './conversations.service';
import { CreateNoteDto, ListConversationsQueryDto, PageQueryDto, UpdateConversationDto } from './dto/conversations.dto';
import { ApiKeyScoped } from '../api-keys/api-key-scope.decorator';
import { PUBLIC_API_EXAMPLES as EX } from '../api-keys/public-api-examples';

/** The shared inbox: every member of the workspace may read and work every conversation. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiKeyScoped('read', { summary: 'List conversations', ...EX.listConversations })
  list(
    @CurrentTenant() principal: Principal,
    @Query() query: ListConversationsQueryDto,
  ): Promise<Page<ConversationDto>> {
    return this.conversations.list(principal, query);
  }

  @Get(':id')
  @ApiKeyScoped('read', { summary: 'Read a conversation', ...EX.conversation })
  findOne(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<ConversationDto> {
    return this.conversations.findOne(principal, params.id);
  }

  @Patch(':id')
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: UpdateConversationDto,
  ): Promise<ConversationDto> {
    return this.conversations.update(principal, params.id, body);
  }

  @Post(':id/notes')
  addNote(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CreateNoteDto,
  ): Promise<NoteDto> {
    return this.conversations.addNote(principal, params.id, body);
  }

  @Get(':id/notes')
  listNotes(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: PageQueryDto,
  ): Promise<Page<NoteDto>> {
    return this.conversations.listNotes(principal, params.id, query);
  }
}
