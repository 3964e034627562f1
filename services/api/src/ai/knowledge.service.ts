import { Injectable } from '@nestjs/common';
import {
  type CreateKnowledgeArticleBody,
  type KnowledgeArticleDto,
  type KnowledgeImportResult,
  type ListKnowledgeQuery,
  type Page,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { CsvSyntaxError, parseCsv } from '../contacts/csv';
import { type KnowledgeArticle } from '../database/entities';
import { Transactions } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { InvalidKnowledgeCsvError, KnowledgeTitleTakenError } from './ai.errors';
import { KnowledgeArticleRepository } from './knowledge-article.repository';
import { planKnowledgeImport } from './knowledge-csv';

/** Rows per INSERT of an import. */
const IMPORT_BATCH_SIZE = 500;
/** Words of a question looked up; the rest of a long message adds little but cost. */
const QUESTION_WORDS_MAX = 24;

/** Lower-case words of letters or digits, three or more long, each once: what the full-text queries are built of. */
export function searchWords(text: string, max = QUESTION_WORDS_MAX): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3))].slice(0, max);
}

function toKnowledgeArticleDto(article: KnowledgeArticle): KnowledgeArticleDto {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

/** A workspace's knowledge base: articles admins write or import, searched for each question the AI answers. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly articles: KnowledgeArticleRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly transactions: Transactions,
  ) {}

  async create(
    principal: Principal,
    body: CreateKnowledgeArticleBody,
    meta: RequestMeta,
  ): Promise<KnowledgeArticleDto> {
    try {
      return await this.transactions.run(async () => {
        const article = await this.articles.insert(principal.tenantId, body);
        await this.auditLogs.recordBy(principal, meta, 'knowledge.created', {
          target: { type: 'knowledge_article', id: article.id },
          metadata: { title: article.title },
        });
        return toKnowledgeArticleDto(article);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new KnowledgeTitleTakenError();
      throw error;
    }
  }

  /** Newest first; `q` keeps the articles holding each of its words (or a word beginning with it). */
  async list(principal: Principal, query: ListKnowledgeQuery): Promise<Page<KnowledgeArticleDto>> {
    const words = query.q === undefined ? null : searchWords(query.q);
    // A search of punctuation alone matches nothing rather than everything.
    if (words?.length === 0) return { data: [], nextCursor: null };
    const rows = await this.articles.listPage(principal.tenantId, words, decodeCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toKnowledgeArticleDto);
  }

  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    await this.transactions.run(async () => {
      const article = await this.articles.delete(principal.tenantId, id);
      if (!article) throw new NotFoundError('Knowledge article');
      await this.auditLogs.recordBy(principal, meta, 'knowledge.deleted', {
        target: { type: 'knowledge_article', id },
        metadata: { title: article.title },
      });
    });
  }

  /** Saves every valid row, all or nothing; an article whose title exists gets the file's text. */
  async importCsv(principal: Principal, csv: string, meta: RequestMeta): Promise<KnowledgeImportResult> {
    const plan = planKnowledgeImport(readCsv(csv));
    let created = 0;
    let updated = 0;
    await this.transactions.run(async () => {
      for (let start = 0; start < plan.articles.length; start += IMPORT_BATCH_SIZE) {
        const outcomes = await this.articles.upsertMany(
          principal.tenantId,
          plan.articles.slice(start, start + IMPORT_BATCH_SIZE),
        );
        created += outcomes.filter((o) => o.inserted).length;
        updated += outcomes.filter((o) => !o.inserted).length;
      }
      await this.auditLogs.recordBy(principal, meta, 'knowledge.imported', {
        metadata: { created, updated, rejected: plan.rejected.length },
      });
    });
    return { accepted: created + updated, created, updated, rejected: plan.rejected };
  }

  /** The few articles most relevant to a customer's question, best first. */
  relevant(tenantId: string, question: string, take: number): Promise<KnowledgeArticle[]> {
    const words = searchWords(question);
    return words.length === 0 ? Promise.resolve([]) : this.articles.relevant(tenantId, words, take);
  }
}

function readCsv(csv: string): string[][] {
  try {
    return parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InvalidKnowledgeCsvError(`The file is not valid CSV. ${error.message}`);
    throw error;
  }
}
