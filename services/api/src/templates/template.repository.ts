import { Injectable } from '@nestjs/common';
import { type TemplateStatus } from '@aerostic/shared';
import { Not } from 'typeorm';
import { bool } from '../database/columns';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Template } from '../database/entities';
import { escapeLike } from '../database/sql-text';
import { Sql, type TenantTable } from '../database/sql';
import { decodeTemplate } from './template.row';

export interface TemplateFilter {
  wabaId?: string;
  status?: TemplateStatus;
  search?: string;
}

/** A template's new status from Meta's webhook (which may come before the template was ever synced). */
export interface TemplateStatusUpdate {
  wabaId: string;
  metaTemplateId: string;
  name: string | null;
  language: string | null;
  category: string | null;
  status: string;
  reason: string | null;
}

export interface TemplateQualityUpdate {
  wabaId: string;
  metaTemplateId: string;
  qualityScore: string;
}

/** A template as Meta lists it, ready to store. */
export interface TemplateValues {
  metaTemplateId: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  rejectedReason: string | null;
  components: unknown[];
}

/** The only writer of `templates`. */
@Injectable()
export class TemplateRepository {
  private readonly templates: TenantTable<Template>;

  constructor(private readonly sql: Sql) {
    this.templates = sql.tenantTable(Template);
  }

  findById(tenantId: string, id: string): Promise<Template | null> {
    return this.templates.findOne({ tenantId, id });
  }

  /** The template of this name and language that Meta still has (not DELETED). */
  findLive(tenantId: string, wabaId: string, name: string, language: string): Promise<Template | null> {
    return this.templates.findOne({ tenantId, wabaId, name, language, status: Not('DELETED') });
  }

  /** Newest first. DELETED templates are listed only when asked for by status. */
  listPage(tenantId: string, filter: TemplateFilter, after: KeysetPosition | null, take: number): Promise<Template[]> {
    return this.templates.select('t', tenantId, (qb) => {
      qb.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').take(take);
      if (filter.wabaId !== undefined) qb.andWhere('t.waba_id = :wabaId', { wabaId: filter.wabaId });
      if (filter.status !== undefined) qb.andWhere('t.status = :status', { status: filter.status });
      else qb.andWhere(`t.status <> 'DELETED'`);
      if (filter.search !== undefined) {
        qb.andWhere(`t.name ILIKE :search ESCAPE '\\'`, { search: `%${escapeLike(filter.search)}%` });
      }
      if (after) qb.andWhere('(t.created_at, t.id) < (:createdAt, :id)', after);
      return qb.getMany();
    });
  }

  /**
   * Stores Meta's list of a WABA's templates, matched by Meta's id. Rows that already say the same are left
   * alone, so `updated` counts real changes.
   */
  async upsertFromMeta(
    tenantId: string,
    wabaId: string,
    templates: TemplateValues[],
  ): Promise<{ created: number; updated: number }> {
    if (templates.length === 0) return { created: 0, updated: 0 };
    const inserted = await this.sql.query(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, rejected_reason, components)
       SELECT $1, $2, t."metaTemplateId", t.name, t.language, t.category, t.status, t."rejectedReason", coalesce(t.components, '[]')
         FROM jsonb_to_recordset($3::jsonb) AS t("metaTemplateId" text, name text, language text, category text,
                                                 status text, "rejectedReason" text, components jsonb)
       ON CONFLICT (tenant_id, meta_template_id) DO UPDATE SET
         waba_id = EXCLUDED.waba_id, name = EXCLUDED.name, language = EXCLUDED.language,
         category = EXCLUDED.category, status = EXCLUDED.status, rejected_reason = EXCLUDED.rejected_reason,
         components = EXCLUDED.components, updated_at = now()
       WHERE (templates.waba_id, templates.name, templates.language, templates.category, templates.status,
              templates.rejected_reason, templates.components)
             IS DISTINCT FROM
             (EXCLUDED.waba_id, EXCLUDED.name, EXCLUDED.language, EXCLUDED.category, EXCLUDED.status,
              EXCLUDED.rejected_reason, EXCLUDED.components)
       RETURNING (xmax = 0) AS inserted`,
      [tenantId, wabaId, JSON.stringify(templates)],
      (row) => bool(row, 'inserted'),
    );
    const created = inserted.filter(Boolean).length;
    return { created, updated: inserted.length - created };
  }

  /** Templates of the WABA that Meta no longer lists become DELETED; answers how many. */
  async markMissingDeleted(tenantId: string, wabaId: string, metaTemplateIds: string[]): Promise<number> {
    return this.sql.execute(
      `UPDATE templates SET status = 'DELETED', rejected_reason = NULL, updated_at = now()
        WHERE tenant_id = $1 AND waba_id = $2 AND status <> 'DELETED' AND NOT (meta_template_id = ANY($3::text[]))
`,
      [tenantId, wabaId, metaTemplateIds],
    );
  }

  /**
   * Forgets DELETED rows that share a name and language with a live template: sending looks templates up by
   * name and language, and must find the live one.
   */
  async purgeDeletedTwins(tenantId: string, wabaId: string): Promise<void> {
    await this.sql.execute(
      `DELETE FROM templates d
        WHERE d.tenant_id = $1 AND d.waba_id = $2 AND d.status = 'DELETED'
          AND EXISTS (SELECT 1 FROM templates l
                       WHERE l.tenant_id = d.tenant_id AND l.waba_id = d.waba_id AND l.name = d.name
                         AND l.language = d.language AND l.status <> 'DELETED')`,
      [tenantId, wabaId],
    );
  }

  /**
   * Stores a template just submitted to Meta. Meta's status webhook may have arrived first (and created the
   * row): its status is kept, the content is added.
   */
  async insertSubmitted(tenantId: string, wabaId: string, values: TemplateValues): Promise<Template> {
    const [template] = await this.sql.query(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, rejected_reason, components)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (tenant_id, meta_template_id) DO UPDATE SET
         name = EXCLUDED.name, language = EXCLUDED.language, components = EXCLUDED.components,
         category = coalesce(templates.category, EXCLUDED.category), updated_at = now()
       RETURNING *`,
      [
        tenantId,
        wabaId,
        values.metaTemplateId,
        values.name,
        values.language,
        values.category,
        values.status,
        values.rejectedReason,
        JSON.stringify(values.components),
      ],
      decodeTemplate,
    );
    return template!;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.templates.delete({ tenantId, id });
  }

  /** Stores a template's new status from Meta's webhook, creating the row if the template was never synced. */
  async recordStatus(tenantId: string, update: TemplateStatusUpdate): Promise<void> {
    await this.sql.execute(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, rejected_reason)
       VALUES ($1, $2, $3, coalesce($4, ''), coalesce($5, ''), $6, $7, $8)
       ON CONFLICT (tenant_id, meta_template_id) DO UPDATE SET
         status = EXCLUDED.status,
         rejected_reason = EXCLUDED.rejected_reason,
         category = coalesce(EXCLUDED.category, templates.category),
         updated_at = now()`,
      [
        tenantId,
        update.wabaId,
        update.metaTemplateId,
        update.name,
        update.language,
        update.category,
        update.status,
        update.reason,
      ],
    );
  }

  /**
   * Stores a template's quality score from Meta's webhook; answers the template, or null when it is not stored (the
   * next sync brings it) or already had that score.
   */
  async recordQuality(tenantId: string, update: TemplateQualityUpdate): Promise<Template | null> {
    const [template] = await this.sql.query(
      `UPDATE templates SET quality_score = $4, updated_at = now()
       WHERE tenant_id = $1 AND waba_id = $2 AND meta_template_id = $3 AND quality_score IS DISTINCT FROM $4
       RETURNING *`,
      [tenantId, update.wabaId, update.metaTemplateId, update.qualityScore],
      decodeTemplate,
    );
    return template ?? null;
  }
}
