import { jsonArray, text, textOrNull, timestamp } from '../database/columns';
import { type Template } from '../database/entities';
import { type Row } from '../database/sql';

/** The row decoder of `templates`: a raw SQL row (`RETURNING *`) as the entity. */
export function decodeTemplate(row: Row): Template {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    wabaId: text(row, 'waba_id'),
    metaTemplateId: text(row, 'meta_template_id'),
    name: text(row, 'name'),
    language: text(row, 'language'),
    category: textOrNull(row, 'category'),
    status: text(row, 'status'),
    rejectedReason: textOrNull(row, 'rejected_reason'),
    qualityScore: textOrNull(row, 'quality_score'),
    components: jsonArray(row, 'components'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}
