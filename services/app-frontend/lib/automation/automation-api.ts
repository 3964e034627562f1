import 'server-only';
import type {
  AiSettingsDto,
  AutomationRuleDto,
  AutomationRunDto,
  AutomationSettingsDto,
  BusinessHoursDto,
  KnowledgeArticleDto,
  Page,
  TeamDto,
  TeamMemberDto,
} from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { listApprovedTemplates } from '@/lib/inbox/inbox-api';
import { listUsers } from '@/lib/team/users-api';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import type { TemplateChoice } from './rule-draft';
import { templateKey } from './rule-draft';

export const RUNS_PAGE_SIZE = 25;
export const KNOWLEDGE_PAGE_SIZE = 20;
/** Enough for every rule of a workspace on one page: rules are few, and their order is the point of the list. */
const RULES_LIMIT = 100;
const MEMBERS_LIMIT = 200;

/** A list the API answers either bare or as a page: only the rows are needed here. */
function rowsOf<T>(body: T[] | Page<T>): T[] {
  return Array.isArray(body) ? body : body.data;
}

async function read<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The workspace's rules in the order they run: by position, then by creation. */
export async function listRules(): Promise<AutomationRuleDto[]> {
  const rules = rowsOf(
    await read<AutomationRuleDto[] | Page<AutomationRuleDto>>(`/automation/rules?limit=${RULES_LIMIT}`),
  );
  return [...rules].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
}

/** The rule, or null when it does not exist in this workspace (a stale link). */
export async function findRule(id: string): Promise<AutomationRuleDto | null> {
  const result = await apiFetch<AutomationRuleDto>(`/automation/rules/${encodeURIComponent(id)}`);
  if (result.ok) return result.data;
  if (result.status === 404 || result.status === 400) return null;
  throw new ApiRequestError(result.status, result.error);
}

export interface RunsQuery {
  ruleId?: string;
  conversationId?: string;
  cursor?: string;
}

/** One page of rule firings, newest first, of one rule or one conversation when asked. */
export async function listRuns(query: RunsQuery): Promise<Page<AutomationRunDto>> {
  const params = new URLSearchParams({ limit: String(RUNS_PAGE_SIZE) });
  if (query.ruleId) params.set('ruleId', query.ruleId);
  if (query.conversationId) params.set('conversationId', query.conversationId);
  if (query.cursor) params.set('cursor', query.cursor);
  return read<Page<AutomationRunDto>>(`/automation/runs?${params}`);
}

export function getBusinessHours(): Promise<BusinessHoursDto> {
  return read<BusinessHoursDto>('/automation/business-hours');
}

export function getAutomationSettings(): Promise<AutomationSettingsDto> {
  return read<AutomationSettingsDto>('/automation/settings');
}

export function getAiSettings(): Promise<AiSettingsDto> {
  return read<AiSettingsDto>('/automation/ai');
}

/** One page of knowledge articles; `q` searches them the way the AI does (PostgreSQL full-text search). */
export function listKnowledge(q?: string, cursor?: string): Promise<Page<KnowledgeArticleDto>> {
  const params = new URLSearchParams({ limit: String(KNOWLEDGE_PAGE_SIZE) });
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return read<Page<KnowledgeArticleDto>>(`/automation/knowledge?${params}`);
}

/** The people and teams a rule can assign to or test for. */
export interface RoutingTargets {
  agents: Array<Pick<TeamMemberDto, 'id' | 'name' | 'email' | 'role' | 'status'>>;
  teams: Array<Pick<TeamDto, 'id' | 'name'>>;
}

export async function listRoutingTargets(): Promise<RoutingTargets> {
  const [members, teams] = await Promise.all([
    listUsers(MEMBERS_LIMIT),
    apiFetch<TeamDto[] | Page<TeamDto>>(`/teams?limit=${MEMBERS_LIMIT}`),
  ]);
  // A server without teams yet answers 404: rules then assign among every agent.
  if (!teams.ok && teams.status !== 404) throw new ApiRequestError(teams.status, teams.error);
  return {
    agents: members.data.map(({ id, name, email, role, status }) => ({ id, name, email, role, status })),
    teams: teams.ok ? rowsOf(teams.data).map(({ id, name }) => ({ id, name })) : [],
  };
}

/** Approved templates of every connected number, once per name and language (what a rule's action names). */
export async function listTemplateChoices(): Promise<{ templates: TemplateChoice[]; unavailable: string | null }> {
  const accounts = await listWhatsAppAccounts();
  const results = await Promise.all(accounts.map((account) => listApprovedTemplates(account.id)));
  const byKey = new Map<string, TemplateChoice>();
  let unavailable: string | null = null;
  for (const result of results) {
    if (!result.available) {
      unavailable = result.message;
      continue;
    }
    for (const t of result.templates) {
      if (!byKey.has(templateKey(t))) byKey.set(templateKey(t), { name: t.name, language: t.language, body: t.body });
    }
  }
  return {
    templates: [...byKey.values()].sort((a, b) => templateKey(a).localeCompare(templateKey(b))),
    unavailable,
  };
}
