import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type KnowledgeArticleDto, type KnowledgeImportResult, type Page } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { CsvBody } from '../contacts/csv-body.decorator';
import { CreateKnowledgeArticleDto, IdParamDto, ListKnowledgeQueryDto } from './dto/ai.dto';
import { KnowledgeService } from './knowledge.service';

/** Admins only: what the knowledge base says is what the AI tells customers. */
@ApiTags('automation')
@ApiBearerAuth()
@Controller('automation/knowledge')
@Roles('admin')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post()
  create(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateKnowledgeArticleDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<KnowledgeArticleDto> {
    return this.knowledge.create(principal, body, meta);
  }

  @Get()
  list(
    @CurrentTenant() principal: Principal,
    @Query() query: ListKnowledgeQueryDto,
  ): Promise<Page<KnowledgeArticleDto>> {
    return this.knowledge.list(principal, query);
  }

  /** The body is a CSV file with `title` and `body` columns; rows that cannot be saved are answered by row. */
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'title,body\nOpening hours,"Monday to Friday, 9:00 to 18:00"' } })
  import(
    @CurrentTenant() principal: Principal,
    @CsvBody() csv: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<KnowledgeImportResult> {
    return this.knowledge.importCsv(principal, csv, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.knowledge.remove(principal, params.id, meta);
  }
}
