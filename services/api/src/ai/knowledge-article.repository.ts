import { Injectable } from '@nestjs/common';
import { type KeysetPosition } from '../common/pagination/keyset';
import { text, timestamp } from '../database/columns';
import { type KnowledgeArticle } from '../database/entities';
import { SqlParams } from '../database/sql-text';
import { type Row, Sql } from '../database/sql';

function decodeKnowledgeArticle(row: Row): KnowledgeArticle {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    title: text(row, 'title'),
    body: text(row, 'body'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

const COLUMNS = 'id, tenant_id, title, body, created_at, updated_at';

/**
 * A tsquery (in the `simple` configuration, as the index) from words of letters and digits only, so that no
 * operator of the tsquery syntax can be smuggled in; each word also matches as a prefix (`ship` finds `shipping`).
 */
export function prefixQuery(words: readonly string[], operator: '&' | '|'): string {
  return words.map((w) => `${w}:*`).join(` ${operator} `);
}

/** The only writer of `knowledge_articles`. */
@Injectable()
export class KnowledgeArticleRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tenantId: string, article: { title: string; body: string }): Promise<KnowledgeArticle> {
    const [row] = await this.sql.query(
      `INSERT INTO knowledge_articles (tenant_id, title, body) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [tenantId, article.title, article.body],
      decodeKnowledgeArticle,
    );
    return row!;
  }

  /**
   * Creates the articles, or replaces the text of those whose title (any case) exists; answers per title whether it
   * was new. One statement per batch: the unique index on the title settles concurrent imports.
   */
  async upsertMany(
    tenantId: string,
    articles: readonly { title: string; body: string }[],
  ): Promise<{ title: string; inserted: boolean }[]> {
    return this.sql.query(
      `INSERT INTO knowledge_articles (tenant_id, title, body)
       SELECT $1, t, b FROM unnest($2::text[], $3::text[]) AS a(t, b)
       ON CONFLICT (tenant_id, lower(title)) DO UPDATE SET body = EXCLUDED.body, title = EXCLUDED.title,
         updated_at = now()
       RETURNING title, (xmax = 0) AS inserted`,
      [tenantId, articles.map((a) => a.title), articles.map((a) => a.body)],
      (row) => ({ title: text(row, 'title'), inserted: row.inserted === true }),
    );
  }

  /** Newest first; with `words`, only the articles holding every word (as a word or a word's beginning). */
  listPage(
    tenantId: string,
    words: readonly string[] | null,
    after: KeysetPosition | null,
    take: number,
  ): Promise<KnowledgeArticle[]> {
    const params = new SqlParams();
    const conditions = [`tenant_id = ${params.add(tenantId)}`];
    if (words) conditions.push(`search @@ to_tsquery('simple', ${params.add(prefixQuery(words, '&'))})`);
    if (after) conditions.push(`(created_at, id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    return this.sql.query(
      `SELECT ${COLUMNS} FROM knowledge_articles WHERE ${conditions.join(' AND ')}
       ORDER BY created_at DESC, id DESC LIMIT ${params.add(take)}`,
      params.values,
      decodeKnowledgeArticle,
    );
  }

  /**
   * The articles most relevant to a question's words, best first. A word found in more than half of a workspace's
   * articles (of four or more) says nothing about any of them and is left out: a language-neutral stop list.
   */
  relevant(tenantId: string, words: readonly string[], take: number): Promise<KnowledgeArticle[]> {
    return this.sql.query(
      `WITH total AS (SELECT count(*) AS n FROM knowledge_articles WHERE tenant_id = $1),
       counted AS (
         SELECT w, (SELECT count(*) FROM knowledge_articles a
                    WHERE a.tenant_id = $1 AND a.search @@ to_tsquery('simple', w || ':*')) AS hits
         FROM unnest($2::text[]) AS w
       ),
       query AS (
         SELECT to_tsquery('simple', string_agg(w || ':*', ' | ')) AS q FROM counted, total
         WHERE hits > 0 AND (total.n < 4 OR hits * 2 <= total.n)
       )
       SELECT ${COLUMNS.split(', ')
         .map((c) => `a.${c}`)
         .join(', ')}
       FROM knowledge_articles a, query
       WHERE a.tenant_id = $1 AND query.q IS NOT NULL AND a.search @@ query.q
       ORDER BY ts_rank(a.search, query.q) DESC, a.updated_at DESC, a.id
       LIMIT $3`,
      [tenantId, words, take],
      decodeKnowledgeArticle,
    );
  }

  async delete(tenantId: string, id: string): Promise<KnowledgeArticle | null> {
    const [row] = await this.sql.query(
      `DELETE FROM knowledge_articles WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id],
      decodeKnowledgeArticle,
    );
    return row ?? null;
  }
}
