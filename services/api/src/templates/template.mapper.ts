import { type TemplateCategory, type TemplateComponent, type TemplateDto, type TemplateStatus } from '@aerostic/shared';
import { type Template } from '../database/entities';

export function toTemplateDto(template: Template): TemplateDto {
  return {
    id: template.id,
    metaTemplateId: template.metaTemplateId,
    wabaId: template.wabaId,
    name: template.name,
    language: template.language,
    // Stored as Meta reported them; Meta's values are the shared enums' members.
    category: template.category as TemplateCategory | null,
    status: template.status as TemplateStatus,
    rejectedReason: template.rejectedReason,
    qualityScore: template.qualityScore,
    components: template.components as TemplateComponent[],
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}
