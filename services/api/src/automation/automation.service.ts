import { Injectable, Optional } from '@nestjs/common';
import {
  type AutomationAction,
  type AutomationCondition,
  type AutomationRuleDto,
  type AutomationRunDto,
  type AutomationSettingsBody,
  type AutomationSettingsDto,
  type BusinessHoursBody,
  type BusinessHoursDto,
  type CreateAutomationRuleBody,
  type ListAutomationRunsQuery,
  type Page,
  type UpdateAutomationRuleBody,
} from '@aerostic/shared';
import { InvalidCampaignError } from '../campaigns/campaigns.errors';
import { planCampaignMessage } from '../campaigns/campaign-template';
import { Clock } from '../common/clock/clock';
import { NotFoundError } from '../common/http/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { type AutomationSettings } from './automation.row';
import { InvalidAutomationRuleError } from './automation.errors';
import { toRuleDto, toRunDto } from './automation.mapper';
import { AutomationRepository, type RuleValues } from './automation.repository';
import { ALWAYS_OPEN, type BusinessHours, isOpen } from './business-hours';
import { RuleWebhooks } from './ports';
import { RulesCache } from './rules-cache';

/** A workspace keeps at most this many rules: each inbound message is checked against every enabled one. */
export const RULES_PER_WORKSPACE_MAX = 200;

/** The hours the rules read: those set, or open around the clock in the workspace's time zone. */
export function businessHoursOf(settings: AutomationSettings): BusinessHours {
  return {
    timeZone: settings.hoursTimeZone ?? settings.tenantTimeZone,
    weekly: settings.weeklyHours ?? ALWAYS_OPEN,
    holidays: settings.holidays,
  };
}

/** Rules, business hours, the automated-message cap and the run log: what admins configure and read. */
@Injectable()
export class AutomationService {
  constructor(
    private readonly repository: AutomationRepository,
    private readonly cache: RulesCache,
    private readonly clock: Clock,
    @Optional() private readonly webhooks?: RuleWebhooks,
  ) {}

  async listRules(principal: Principal): Promise<Page<AutomationRuleDto>> {
    // Every rule in one page, in running order: a workspace has at most RULES_PER_WORKSPACE_MAX.
    return { data: (await this.repository.listRules(principal.tenantId)).map(toRuleDto), nextCursor: null };
  }

  async findRule(principal: Principal, id: string): Promise<AutomationRuleDto> {
    const rule = await this.repository.findRule(principal.tenantId, id);
    if (!rule) throw new NotFoundError('Automation rule');
    return toRuleDto(rule);
  }

  async createRule(principal: Principal, body: CreateAutomationRuleBody): Promise<AutomationRuleDto> {
    const { tenantId } = principal;
    if ((await this.repository.countRules(tenantId)) >= RULES_PER_WORKSPACE_MAX) {
      throw new InvalidAutomationRuleError({
        _: `A workspace has at most ${RULES_PER_WORKSPACE_MAX} rules: delete or merge some first`,
      });
    }
    await this.check(tenantId, body.conditions, body.actions);
    const rule = await this.repository.insertRule(tenantId, { ...body, stopAfter: body.stopAfter ?? false });
    this.cache.invalidate(tenantId);
    return toRuleDto(rule);
  }

  async updateRule(principal: Principal, id: string, body: UpdateAutomationRuleBody): Promise<AutomationRuleDto> {
    const { tenantId } = principal;
    const current = await this.repository.findRule(tenantId, id);
    if (!current) throw new NotFoundError('Automation rule');
    const next: RuleValues = {
      name: body.name ?? current.name,
      enabled: body.enabled ?? current.enabled,
      position: body.position ?? current.position,
      stopAfter: body.stopAfter ?? current.stopAfter,
      trigger: body.trigger ?? current.trigger,
      conditions: body.conditions ?? current.conditions,
      actions: body.actions ?? current.actions,
    };
    // Only what changed is checked: a rule saved before keeps working when a toggle is flipped.
    await this.check(tenantId, body.conditions ?? [], body.actions ?? []);
    const rule = await this.repository.updateRule(tenantId, id, next);
    if (!rule) throw new NotFoundError('Automation rule');
    this.cache.invalidate(tenantId);
    return toRuleDto(rule);
  }

  async removeRule(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.deleteRule(principal.tenantId, id))) throw new NotFoundError('Automation rule');
    this.cache.invalidate(principal.tenantId);
  }

  async listRuns(principal: Principal, query: ListAutomationRunsQuery): Promise<Page<AutomationRunDto>> {
    const rows = await this.repository.listRunsPage(
      principal.tenantId,
      { ruleId: query.ruleId, conversationId: query.conversationId },
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toRunDto);
  }

  async businessHours(principal: Principal): Promise<BusinessHoursDto> {
    const hours = businessHoursOf(await this.repository.settings(principal.tenantId));
    return { ...hours, openNow: isOpen(hours, this.clock.now()) };
  }

  async setBusinessHours(principal: Principal, body: BusinessHoursBody): Promise<BusinessHoursDto> {
    await this.repository.saveBusinessHours(principal.tenantId, body);
    this.cache.invalidate(principal.tenantId);
    return this.businessHours(principal);
  }

  async settings(principal: Principal): Promise<AutomationSettingsDto> {
    const { maxAutomatedMessagesPerHour } = await this.repository.settings(principal.tenantId);
    return { maxAutomatedMessagesPerHour };
  }

  async setSettings(principal: Principal, body: AutomationSettingsBody): Promise<AutomationSettingsDto> {
    await this.repository.saveCap(principal.tenantId, body.maxAutomatedMessagesPerHour);
    this.cache.invalidate(principal.tenantId);
    return this.settings(principal);
  }

  /** What the schema cannot see: members, numbers and templates of the workspace, webhooks that exist. */
  private async check(
    tenantId: string,
    conditions: readonly AutomationCondition[],
    actions: readonly AutomationAction[],
  ): Promise<void> {
    const fields: Record<string, string> = {};
    const agents = new Map<string, string>();
    const teams = new Map<string, string>();
    for (const [i, condition] of conditions.entries()) {
      if (condition.type === 'assignee' && condition.is === 'agent') {
        if (condition.agentId) agents.set(`conditions.${i}.agentId`, condition.agentId);
        else fields[`conditions.${i}.agentId`] = 'agentId is required when is is agent';
      }
      if (condition.type === 'number') {
        const known = new Set(await this.repository.numbers(tenantId, condition.whatsappAccountIds));
        const unknown = condition.whatsappAccountIds.filter((id) => !known.has(id));
        if (unknown.length > 0)
          fields[`conditions.${i}.whatsappAccountIds`] = `Not numbers of this workspace: ${unknown.join(', ')}`;
      }
    }
    for (const [i, action] of actions.entries()) {
      if (action.type === 'assign' && action.agentId) agents.set(`actions.${i}.agentId`, action.agentId);
      if (action.type === 'assign' && action.teamId) teams.set(`actions.${i}.teamId`, action.teamId);
      if (action.type === 'send_template') Object.assign(fields, await this.checkTemplate(tenantId, i, action));
      if (action.type === 'call_webhook') {
        const ready = this.webhooks ? await this.webhooks.hasEndpoint(tenantId, action.endpointId) : false;
        if (!ready)
          fields[`actions.${i}.type`] = this.webhooks
            ? 'call_webhook names no event webhook of this workspace: add the endpoint first'
            : 'call_webhook needs the workspace event webhooks, which this version does not have yet';
      }
    }
    if (agents.size > 0) {
      const active = new Set(await this.repository.activeUsers(tenantId, [...new Set(agents.values())]));
      for (const [field, id] of agents)
        if (!active.has(id)) fields[field] = `${field.split('.').at(-1)} must be an active member of this workspace`;
    }
    // Routing would ignore a team it cannot find in the workspace, and the rule would not do what it says.
    if (teams.size > 0) {
      const known = new Set(await this.repository.teams(tenantId, [...new Set(teams.values())]));
      for (const [field, id] of teams) if (!known.has(id)) fields[field] = 'teamId must be a team of this workspace';
    }
    if (Object.keys(fields).length > 0) throw new InvalidAutomationRuleError(fields);
  }

  /** The template exists in the workspace, and its variables map to contact fields as a campaign's do. */
  private async checkTemplate(
    tenantId: string,
    i: number,
    action: Extract<AutomationAction, { type: 'send_template' }>,
  ): Promise<Record<string, string>> {
    const template = await this.repository.template(tenantId, action.name, action.language);
    if (!template)
      return {
        [`actions.${i}.name`]: `No template ${action.name} in ${action.language} in this workspace: create or sync it first`,
      };
    try {
      planCampaignMessage(template, action.variables ?? {});
      return {};
    } catch (error) {
      if (!(error instanceof InvalidCampaignError)) throw error;
      return Object.fromEntries(
        Object.entries(error.fields).map(([field, message]) => [
          field
            .replace(/^template\.variables/, `actions.${i}.variables`)
            .replace(/^template\.name$/, `actions.${i}.name`),
          message,
        ]),
      );
    }
  }
}
