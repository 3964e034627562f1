import { Injectable } from '@nestjs/common';
import { type AutomationTriggerType } from '@aerostic/shared';
import { type AutomationRule, type AutomationSettings } from './automation.row';
import { AutomationRepository } from './automation.repository';
import { keywordMatcher, type KeywordMatcher } from './keywords';

/** An enabled rule, its keywords prepared. */
export interface CompiledRule {
  rule: AutomationRule;
  matches: KeywordMatcher;
}

/** How long a workspace's rules are read from memory: another API instance's edit is seen within this. */
const TTL_MS = 5_000;

/** The triggers an inbound message can fire. */
export const MESSAGE_TRIGGERS: ReadonlySet<AutomationTriggerType> = new Set([
  'message_received',
  'conversation_created',
  'first_contact',
  'outside_business_hours',
]);

/**
 * Each workspace's enabled rules in running order, kept a few seconds, so the inbound path and the engine do not read
 * them for every message. An edit made here is seen at once; one made by another instance within TTL_MS.
 */
@Injectable()
export class RulesCache {
  private readonly entries = new Map<string, { rules: Promise<CompiledRule[]>; until: number }>();
  private readonly settingsEntries = new Map<string, { settings: Promise<AutomationSettings>; until: number }>();

  constructor(private readonly repository: AutomationRepository) {}

  rules(tenantId: string): Promise<CompiledRule[]> {
    const cached = this.entries.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.rules;
    const rules = this.repository
      .listRules(tenantId, true)
      .then((list) =>
        list.map((rule) => ({ rule, matches: keywordMatcher(rule.trigger.keywords, rule.trigger.match) })),
      );
    this.entries.set(tenantId, { rules, until: Date.now() + TTL_MS });
    // A failed read is not kept: the next call reads again.
    rules.catch(() => this.entries.delete(tenantId));
    return rules;
  }

  /** The workspace's time zone, business hours and cap, kept like its rules. */
  settings(tenantId: string): Promise<AutomationSettings> {
    const cached = this.settingsEntries.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.settings;
    const settings = this.repository.settings(tenantId);
    this.settingsEntries.set(tenantId, { settings, until: Date.now() + TTL_MS });
    settings.catch(() => this.settingsEntries.delete(tenantId));
    return settings;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
    this.settingsEntries.delete(tenantId);
  }
}
