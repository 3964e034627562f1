import {
  automationSettingsSchema,
  businessHoursSchema,
  createAutomationRuleSchema,
  listAutomationRunsQuerySchema,
  updateAutomationRuleSchema,
  uuidParamSchema,
} from '@aerostic/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateAutomationRuleDto extends createZodDto(createAutomationRuleSchema) {}
export class UpdateAutomationRuleDto extends createZodDto(updateAutomationRuleSchema) {}
export class AutomationRuleIdParamDto extends createZodDto(uuidParamSchema) {}
export class ListAutomationRunsQueryDto extends createZodDto(listAutomationRunsQuerySchema) {}
export class BusinessHoursDto extends createZodDto(businessHoursSchema) {}
export class AutomationSettingsDto extends createZodDto(automationSettingsSchema) {}
