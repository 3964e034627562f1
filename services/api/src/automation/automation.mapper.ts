import { type AutomationRuleDto, type AutomationRunDto } from '@aerostic/shared';
import { type AutomationRule, type AutomationRun } from './automation.row';

export function toRuleDto(rule: AutomationRule): AutomationRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    position: rule.position,
    stopAfter: rule.stopAfter,
    trigger: rule.trigger,
    conditions: rule.conditions,
    actions: rule.actions,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

/** A run still in progress (or stopped by a crash, resumed by its retry) shows as partial with the actions done so far. */
export function toRunDto(run: AutomationRun): AutomationRunDto {
  return {
    id: run.id,
    ruleId: run.ruleId,
    ruleName: run.ruleName,
    conversationId: run.conversationId,
    messageId: run.messageId,
    trigger: run.trigger,
    outcome: run.outcome ?? 'partial',
    actions: run.actions,
    createdAt: run.createdAt.toISOString(),
  };
}
