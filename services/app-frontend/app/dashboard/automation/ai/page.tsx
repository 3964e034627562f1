import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { KnowledgeArticleDto } from '@aerostic/shared';
import { AiSettingsForm } from '@/components/automation/ai-settings-form';
import { KnowledgeArticleForm, KnowledgeImport } from '@/components/automation/knowledge-forms';
import { Card } from '@/components/card';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { getAiSettings, listKnowledge } from '@/lib/automation/automation-api';
import { formatDateTime } from '@/lib/format';
import { getSession, isAdmin } from '@/lib/session/session';
import { addKnowledgeArticleAction, deleteKnowledgeArticleAction, saveAiSettingsAction } from '../actions';

export const metadata: Metadata = { title: 'AI and knowledge' };

const LINK = 'font-medium text-brand-700 hover:underline';

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export default async function AiPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!isAdmin(await getSession())) redirect('/dashboard/automation/runs');
  const query = await searchParams;
  const q = one(query.q)?.trim().slice(0, 200);
  const cursor = one(query.cursor);
  const [settings, articles] = await Promise.all([getAiSettings(), listKnowledge(q, cursor)]);

  return (
    <div className="flex flex-col gap-6">
      <Card
        title="AI replies"
        description="The AI answers customers from your knowledge base when a rule says “Answer with AI”, and hands the conversation to a person when it should."
      >
        <AiSettingsForm settings={settings} action={saveAiSettingsAction} />
      </Card>

      <Card
        title="Knowledge base"
        description="What the AI may answer from. The articles closest to each question are given to it."
      >
        <div className="flex flex-col gap-6">
          <form role="search" aria-label="Search articles" className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-56 flex-1 flex-col gap-1.5">
              <label htmlFor="knowledge-q" className="text-sm font-medium">
                Search articles
              </label>
              <input
                id="knowledge-q"
                name="q"
                type="search"
                defaultValue={q}
                className="w-full rounded-lg border border-line bg-surface px-3 py-2 text-sm shadow-xs"
              />
            </div>
            <button
              type="submit"
              className="rounded-lg border border-line bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas"
            >
              Search
            </button>
            {q && (
              <Link href="/dashboard/automation/ai" className={`px-2 py-2 text-sm ${LINK}`}>
                Clear search
              </Link>
            )}
          </form>

          {articles.data.length === 0 ? (
            <p className="text-sm text-ink-muted">
              {q
                ? `No article matches “${q}”.`
                : cursor
                  ? 'No more articles.'
                  : 'No articles yet: add one below or import a CSV file.'}
            </p>
          ) : (
            <ul className="divide-y divide-line rounded-lg border border-line" aria-label="Articles">
              {articles.data.map((article) => (
                <ArticleRow key={article.id} article={article} />
              ))}
            </ul>
          )}
          {(cursor || articles.nextCursor) && (
            <nav aria-label="Article pages" className="flex gap-4 text-sm">
              {cursor && (
                <Link href={knowledgeHref(q)} className={LINK}>
                  First page
                </Link>
              )}
              {articles.nextCursor && (
                <Link href={knowledgeHref(q, articles.nextCursor)} className={LINK}>
                  Next page
                </Link>
              )}
            </nav>
          )}

          <div className="grid gap-6 border-t border-line pt-5 lg:grid-cols-2">
            <section aria-labelledby="add-article">
              <h3 id="add-article" className="mb-3 text-sm font-semibold">
                Add an article
              </h3>
              <KnowledgeArticleForm action={addKnowledgeArticleAction} />
            </section>
            <section aria-labelledby="import-articles">
              <h3 id="import-articles" className="mb-3 text-sm font-semibold">
                Import from a CSV file
              </h3>
              <KnowledgeImport />
            </section>
          </div>
        </div>
      </Card>
    </div>
  );
}

function knowledgeHref(q?: string, cursor?: string): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return `/dashboard/automation/ai${params.size > 0 ? `?${params}` : ''}`;
}

function ArticleRow({ article }: { article: KnowledgeArticleDto }) {
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start" data-testid="knowledge-article">
      <div className="min-w-0 flex-1">
        <h3 className="text-sm font-semibold">{article.title}</h3>
        <p className="mt-1 line-clamp-3 text-sm whitespace-pre-line text-ink-muted">{article.body}</p>
        <p className="mt-1 text-xs text-ink-subtle">Updated {formatDateTime(article.updatedAt)}</p>
      </div>
      <ConfirmActionButton
        action={deleteKnowledgeArticleAction}
        fields={{ articleId: article.id }}
        idPrefix={`delete-article-${article.id}`}
        openLabel="Delete"
        openAccessibleName={`Delete article ${article.title}`}
        question={
          <>
            Delete <strong>{article.title}</strong>? The AI stops using it at once.
          </>
        }
        confirmLabel="Yes, delete"
        pendingLabel="Deleting…"
        keepLabel="Keep it"
      />
    </li>
  );
}
