import type { Metadata } from 'next';
import Link from 'next/link';
import type { AutomationRunDto } from '@aerostic/shared';
import { Card } from '@/components/card';
import { StatusBadge } from '@/components/status-badge';
import { listRules, listRuns } from '@/lib/automation/automation-api';
import { ACTION_LABELS, ACTION_OUTCOME_VIEW, RUN_OUTCOME_VIEW, RUN_TRIGGER_LABELS } from '@/lib/automation/rule-labels';
import { formatInTimeZone } from '@/lib/campaigns/campaign-time';
import { workspaceTimeZone } from '@/lib/campaigns/campaigns-api';
import { DEFAULT_FILTERS, inboxHref } from '@/lib/inbox/inbox-query';
import { getSession, isAdmin } from '@/lib/session/session';

export const metadata: Metadata = { title: 'Automation run log' };

const LINK = 'font-medium text-brand-700 hover:underline';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SearchParams = Record<string, string | string[] | undefined>;

const idParam = (value: string | string[] | undefined) =>
  typeof value === 'string' && UUID.test(value) ? value : undefined;

interface RunFilters {
  ruleId?: string;
  conversationId?: string;
}

function runsHref(filters: RunFilters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.ruleId) params.set('ruleId', filters.ruleId);
  if (filters.conversationId) params.set('conversationId', filters.conversationId);
  if (cursor) params.set('cursor', cursor);
  return `/dashboard/automation/runs${params.size > 0 ? `?${params}` : ''}`;
}

/** Every firing of a rule, newest first: what fired it, on which message, what each action did or why it failed. */
export default async function AutomationRunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await getSession();
  const admin = isAdmin(me);
  const query = await searchParams;
  const filters: RunFilters = { ruleId: idParam(query.ruleId), conversationId: idParam(query.conversationId) };
  const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;
  const [runs, rules] = await Promise.all([
    listRuns({ ...filters, cursor }),
    admin ? listRules() : Promise.resolve([]),
  ]);
  const timeZone = workspaceTimeZone(me);
  const ruleName =
    rules.find((r) => r.id === filters.ruleId)?.name ??
    runs.data.find((r) => r.ruleId === filters.ruleId)?.ruleName ??
    'this rule';

  return (
    <Card
      title="Run log"
      description={`Each time a rule fired, and what its actions did. Times are in your workspace's time zone, ${timeZone}.`}
    >
      <div className="flex flex-col gap-4">
        {admin && rules.length > 0 && (
          <form aria-label="Filter the run log" className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-56 flex-col gap-1.5">
              <label htmlFor="runs-rule" className="text-sm font-medium">
                Rule
              </label>
              <select
                id="runs-rule"
                name="ruleId"
                defaultValue={filters.ruleId ?? ''}
                className="rounded-lg border border-line bg-surface px-3 py-2 text-sm shadow-xs"
              >
                <option value="">Every rule</option>
                {rules.map((rule) => (
                  <option key={rule.id} value={rule.id}>
                    {rule.name}
                  </option>
                ))}
              </select>
            </div>
            {filters.conversationId && <input type="hidden" name="conversationId" value={filters.conversationId} />}
            <button
              type="submit"
              className="rounded-lg border border-line bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas"
            >
              Show
            </button>
          </form>
        )}
        {(filters.ruleId || filters.conversationId) && (
          <p className="flex flex-wrap items-center gap-3 text-sm" data-testid="run-filters">
            <span className="text-ink-muted">
              Showing runs
              {filters.ruleId && ` of ${ruleName}`}
              {filters.conversationId && ' in one conversation'}.
            </span>
            {filters.conversationId && (
              <Link href={runsHref({ ruleId: filters.ruleId })} className={LINK}>
                Every conversation
              </Link>
            )}
            <Link href="/dashboard/automation/runs" className={LINK}>
              Show all runs
            </Link>
          </p>
        )}

        {runs.data.length === 0 ? (
          <p className="text-sm text-ink-muted">
            {cursor
              ? 'No more runs.'
              : filters.ruleId || filters.conversationId
                ? 'No run matches this filter yet.'
                : 'No rule has fired yet. Runs appear here as soon as a rule answers, assigns or tags.'}
          </p>
        ) : (
          <ol className="flex flex-col gap-3" aria-label="Runs, newest first">
            {runs.data.map((run) => (
              <RunItem key={run.id} run={run} timeZone={timeZone} admin={admin} filters={filters} />
            ))}
          </ol>
        )}
        {(cursor || runs.nextCursor) && (
          <nav aria-label="Run log pages" className="flex gap-4 text-sm">
            {cursor && (
              <Link href={runsHref(filters)} className={LINK}>
                First page
              </Link>
            )}
            {runs.nextCursor && (
              <Link href={runsHref(filters, runs.nextCursor)} className={LINK}>
                Next page
              </Link>
            )}
          </nav>
        )}
      </div>
    </Card>
  );
}

function RunItem({
  run,
  timeZone,
  admin,
  filters,
}: {
  run: AutomationRunDto;
  timeZone: string;
  admin: boolean;
  filters: RunFilters;
}) {
  const outcome = RUN_OUTCOME_VIEW[run.outcome];
  const conversation = run.conversationId ? inboxHref({ ...DEFAULT_FILTERS, status: 'all' }, run.conversationId) : null;
  return (
    <li className="rounded-lg border border-line p-4" data-testid="run-row">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="text-sm font-semibold">
          {admin && run.ruleId ? (
            <Link href={`/dashboard/automation/rules/${run.ruleId}`} className={LINK}>
              {run.ruleName}
            </Link>
          ) : (
            run.ruleName
          )}
        </h3>
        <StatusBadge tone={outcome.tone}>{outcome.label}</StatusBadge>
        <span className="text-xs text-ink-subtle">
          <time dateTime={run.createdAt}>{formatInTimeZone(run.createdAt, timeZone)}</time>
        </span>
      </div>
      <p className="mt-1 text-sm text-ink-muted">
        {RUN_TRIGGER_LABELS[run.trigger]}
        {run.messageId ? ', on a customer message' : ''}
        {conversation && (
          <>
            {' · '}
            <Link href={conversation} className={LINK}>
              {run.messageId ? 'Open the message’s conversation' : 'Open the conversation'}
            </Link>
          </>
        )}
      </p>
      <ul className="mt-3 flex flex-col gap-2" aria-label={`What ${run.ruleName} did`}>
        {run.actions.map((action, index) => {
          const view = ACTION_OUTCOME_VIEW[action.outcome];
          return (
            <li key={index} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-baseline sm:gap-3">
              <span className="flex shrink-0 items-center gap-2 sm:w-64">
                <span className="font-medium">{ACTION_LABELS[action.type]}</span>
                <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
              </span>
              {action.detail && <span className="text-ink-muted">{action.detail}</span>}
            </li>
          );
        })}
      </ul>
      <p className="mt-3 flex flex-wrap gap-4 text-xs">
        {run.ruleId && run.ruleId !== filters.ruleId && (
          <Link href={runsHref({ ...filters, ruleId: run.ruleId })} className={LINK}>
            Only runs of {run.ruleName}
          </Link>
        )}
        {run.conversationId && run.conversationId !== filters.conversationId && (
          <Link href={runsHref({ ...filters, conversationId: run.conversationId })} className={LINK}>
            Only runs in this conversation
          </Link>
        )}
      </p>
    </li>
  );
}
