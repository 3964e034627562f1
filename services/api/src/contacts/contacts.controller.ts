import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type ContactDto, type ContactImportResult, type ConversationDto, type Page } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { ContactsService } from './contacts.service';
import { CsvBody } from './csv-body.decorator';
import {
  ContactIdParamDto,
  CreateContactDto,
  ExportContactsQueryDto,
  ListContactsQueryDto,
  StartConversationDto,
  UpdateContactDto,
} from './dto/contacts.dto';
import { ApiKeyScoped } from '../api-keys/api-key-scope.decorator';
import { PUBLIC_API_EXAMPLES as EX } from '../api-keys/public-api-examples';

/**
 * Any member may find, create and edit contacts: agents add customers while they work the inbox.
 * Deleting (which also deletes the contact's conversations) and bulk import and export are admin-only:
 * they are hard to undo, or hand over the whole customer list.
 */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiKeyScoped('read', { summary: 'List contacts', ...EX.listContacts })
  list(@CurrentTenant() principal: Principal, @Query() query: ListContactsQueryDto): Promise<Page<ContactDto>> {
    return this.contacts.list(principal, query);
  }

  @Post()
  @ApiKeyScoped('contacts', { summary: 'Create a contact', status: 201, ...EX.createContact })
  create(@CurrentTenant() principal: Principal, @Body() body: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(principal, body);
  }

  /** Columns phone, name, profile_name, tags, marketing_consent, created_at, then one per custom attribute. */
  @Get('export')
  @Roles('admin')
  @ApiProduces('text/csv')
  async export(@CurrentTenant() principal: Principal, @Query() query: ExportContactsQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.contacts.exportCsv(principal, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="contacts.csv"',
    });
  }

  /** The body is the CSV file (up to 5 MB); same columns as the export, `phone` (or `wa_id`) required. */
  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'phone,name,tags,marketing_consent,city\n+1 650 555 1234,Ada,vip;new,granted,Pune',
    },
  })
  import(
    @CurrentTenant() principal: Principal,
    @CsvBody() csv: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ContactImportResult> {
    return this.contacts.importCsv(principal, csv, meta);
  }

  @Get(':id')
  @ApiKeyScoped('read', { summary: 'Read a contact', ...EX.contact })
  findOne(@CurrentTenant() principal: Principal, @Param() params: ContactIdParamDto): Promise<ContactDto> {
    return this.contacts.findOne(principal, params.id);
  }

  @Patch(':id')
  @ApiKeyScoped('contacts', { summary: 'Update a contact', ...EX.updateContact })
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: ContactIdParamDto,
    @Body() body: UpdateContactDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ContactDto> {
    return this.contacts.update(principal, params.id, body, meta);
  }

  /** The contact's conversation on a business number, created when there is none, to write to them first. */
  @Post(':id/conversations')
  @HttpCode(200)
  startConversation(
    @CurrentTenant() principal: Principal,
    @Param() params: ContactIdParamDto,
    @Body() body: StartConversationDto,
  ): Promise<ConversationDto> {
    return this.contacts.startConversation(principal, params.id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiKeyScoped('contacts', { summary: 'Delete a contact and its conversations' })
  @HttpCode(204)
  remove(
    @CurrentTenant() principal: Principal,
    @Param() params: ContactIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.contacts.remove(principal, params.id, meta);
  }
}
