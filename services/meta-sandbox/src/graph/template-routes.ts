import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unixSeconds } from '../clock';
import { ControlError, controlErrorHandler, parseInput } from '../control/control-error';
import type { SandboxContext } from '../sandbox-context';
import {
  TEMPLATE_REJECTION_REASONS,
  TEMPLATE_STATUSES,
  TEMPLATES_PER_WABA,
  type TemplateRecord,
  type TemplateRejectionReason,
  type TemplateStatus,
} from '../state/templates';
import { GraphError, graphErrors } from './graph-error';
import { loadNode, requireWaba } from './graph-nodes';
import { graphParams, parseFields } from './graph-params';
import { renderFields } from './node-fields';
import { parseCreateTemplate } from './template-schema';

type IdParams = { Params: { version: string; id: string } };
type FieldRenderers<T> = Record<string, (record: T) => unknown>;

/** Time between a create and Meta's decision (Meta: minutes to a day). */
export const TEMPLATE_REVIEW_DELAY_MS = 200;
/** Names starting with these are decided by rule, so tests can trigger each outcome. */
export const REJECT_PREFIX = 'reject_';
export const HOLD_PREFIX = 'pending_';

const TEMPLATE_FIELDS: FieldRenderers<TemplateRecord> = {
  id: (t) => t.id,
  name: (t) => t.name,
  language: (t) => t.language,
  status: (t) => t.status,
  category: (t) => t.category,
  parameter_format: (t) => t.parameterFormat,
  components: (t) => t.components,
  rejected_reason: (t) => t.rejectedReason,
};
const TEMPLATE_DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];

const cursorOf = (id: string) => Buffer.from(id).toString('base64url');
const idOfCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/**
 * Meta's review of new templates: APPROVED after a short delay, REJECTED (INVALID_FORMAT) for names starting
 * with `reject_`, none for names starting with `pending_` (set their status with the control API). Each decision
 * is a signed `message_template_status_update` webhook. Timers are dropped on close.
 */
class TemplateReviewer {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: SandboxContext) {}

  schedule(template: TemplateRecord): void {
    if (template.name.startsWith(HOLD_PREFIX)) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // Looked up again: a delete or a reset since the create cancels the review.
      const current = this.ctx.state.templates.find(template.id);
      if (current?.status !== 'PENDING') return;
      if (current.name.startsWith(REJECT_PREFIX)) this.decide(current, 'REJECTED', 'INVALID_FORMAT');
      else this.decide(current, 'APPROVED');
    }, TEMPLATE_REVIEW_DELAY_MS);
    this.timers.add(timer);
  }

  /** Sets the status and sends the webhook (to subscribed WABAs only); answers the delivery id. */
  decide(template: TemplateRecord, status: TemplateStatus, reason: TemplateRejectionReason = 'NONE'): string | null {
    this.ctx.state.templates.setStatus(template, status, reason);
    const waba = this.ctx.state.accounts.wabas.get(template.wabaId);
    if (!waba?.subscription) return null;
    const value: Record<string, unknown> = {
      event: status,
      message_template_id: Number(template.id),
      message_template_name: template.name,
      message_template_language: template.language,
      reason: status === 'REJECTED' ? reason : null,
      message_template_category: template.category,
    };
    if (status === 'REJECTED') {
      value.rejection_info = {
        reason: `The template was rejected (${reason}).`,
        recommendation: 'Edit the template to follow the WhatsApp Business messaging policy, then submit it again.',
      };
    }
    return this.ctx.deliverer.enqueue({
      wabaId: waba.id,
      field: 'message_template_status_update',
      value,
      time: unixSeconds(this.ctx.clock),
    }).id;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

const reviewers = new WeakMap<SandboxContext, TemplateReviewer>();
function reviewerOf(ctx: SandboxContext): TemplateReviewer {
  let reviewer = reviewers.get(ctx);
  if (!reviewer) {
    reviewer = new TemplateReviewer(ctx);
    reviewers.set(ctx, reviewer);
  }
  return reviewer;
}

function nextUrl(ctx: SandboxContext, request: FastifyRequest, after: string): string {
  const base = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
  const url = new URL(request.url, base);
  url.searchParams.delete('before');
  url.searchParams.set('after', after);
  return url.toString();
}

/** `GET/POST/DELETE /{waba-id}/message_templates` (reference §8). */
export function registerTemplateRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  const reviewer = reviewerOf(ctx);
  graph.addHook('onClose', async () => reviewer.close());

  graph.get<IdParams>('/:version/:id/message_templates', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'message_templates');
    const params = graphParams(request);
    const fields = parseFields(params.fields) ?? TEMPLATE_DEFAULT_FIELDS;
    const limit = Math.min(Math.max(Number.parseInt(params.limit ?? '25', 10) || 25, 1), 1000);
    const nameFilter = params.name?.toLowerCase();
    const all = ctx.state.templates
      .listOf(waba.id)
      .filter((t) => nameFilter === undefined || t.name.includes(nameFilter))
      .filter((t) => params.status === undefined || t.status === params.status.toUpperCase())
      .filter((t) => params.category === undefined || t.category === params.category.toUpperCase())
      .filter((t) => params.language === undefined || t.language === params.language);
    let start = 0;
    if (params.after) start = all.findIndex((t) => t.id === idOfCursor(params.after!)) + 1;
    else if (params.before) start = Math.max(all.findIndex((t) => t.id === idOfCursor(params.before!)) - limit, 0);
    const page = all.slice(start, start + limit);
    const data = page.map((t) => renderFields(t, fields, TEMPLATE_FIELDS, 'WhatsAppBusinessAccount'));
    if (page.length === 0) return { data };
    const after = cursorOf(page.at(-1)!.id);
    const more = start + page.length < all.length;
    return {
      data,
      paging: {
        cursors: { before: cursorOf(page[0]!.id), after },
        ...(more && { next: nextUrl(ctx, request, after) }),
      },
    };
  });

  graph.post<IdParams>('/:version/:id/message_templates', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'message_templates');
    const input = parseCreateTemplate(request.body, waba.id, ctx.state.uploads);
    const store = ctx.state.templates;
    if (store.findByNameAndLanguage(waba.id, input.name, input.language)) {
      throw new GraphError(400, 100, 'Invalid parameter', {
        subcode: 2388024,
        details: `Content in this language already exists: ${input.name} (${input.language}) is already a template of this account.`,
      });
    }
    if (store.listOf(waba.id).length >= TEMPLATES_PER_WABA) {
      throw new GraphError(400, 2388019, 'Message template limit reached', {
        details: `A WhatsApp Business Account can have at most ${TEMPLATES_PER_WABA} message templates.`,
      });
    }
    const template = store.create(input);
    reviewer.schedule(template);
    return { id: template.id, status: template.status, category: template.category };
  });

  // By name every language, or one template with hsm_id (which must carry that name).
  graph.delete<IdParams>('/:version/:id/message_templates', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'message_templates');
    const { name, hsm_id: hsmId } = graphParams(request);
    if (!name) throw graphErrors.missingParameter('name');
    const store = ctx.state.templates;
    const matches = store.listOf(waba.id).filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
    if (matches.length === 0) {
      throw new GraphError(400, 100, 'Invalid parameter', {
        subcode: 2593002,
        details: `Message template not found: ${name}${hsmId === undefined ? '' : ` (hsm_id ${hsmId})`}`,
      });
    }
    for (const template of matches) store.remove(template.id);
    return { success: true };
  });
}

/**
 * Meta's check of a template send: the template must exist in that language and be APPROVED (132001 otherwise;
 * 132015 when paused, 132016 when disabled).
 */
export function assertTemplateSendable(
  ctx: SandboxContext,
  wabaId: string,
  name: string,
  language: string,
): TemplateRecord {
  const template = ctx.state.templates.findByNameAndLanguage(wabaId, name, language);
  if (template?.status === 'PAUSED') {
    throw new GraphError(400, 132015, 'Template is Paused', {
      details: `The template ${name} is paused because of low quality.`,
    });
  }
  if (template?.status === 'DISABLED') {
    throw new GraphError(400, 132016, 'Template is Disabled', {
      details: `The template ${name} was disabled because of low quality.`,
    });
  }
  if (template?.status !== 'APPROVED') {
    throw new GraphError(400, 132001, 'Template name does not exist in the translation', {
      details: `template name (${name}) does not exist in ${language}`,
    });
  }
  return template;
}

const statusBodySchema = z.strictObject({
  status: z.enum(TEMPLATE_STATUSES),
  reason: z.enum(TEMPLATE_REJECTION_REASONS).optional(),
});
const listQuerySchema = z.object({ waba_id: z.string().regex(/^\d+$/, 'must be a numeric WABA id') });

/** `/_sandbox/templates`: see every template of a WABA and decide a template's status by hand. */
export function registerTemplateControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const reviewer = reviewerOf(ctx);
  app.register(
    async (control) => {
      control.setErrorHandler(controlErrorHandler);

      control.get('/templates', async (request) => {
        const { waba_id: wabaId } = parseInput(listQuerySchema, request.query, 'query');
        return {
          data: ctx.state.templates
            .listOf(wabaId)
            .map((t) => renderFields(t, Object.keys(TEMPLATE_FIELDS), TEMPLATE_FIELDS, 'Template')),
        };
      });

      control.post<{ Params: { id: string } }>('/templates/:id/status', async (request) => {
        const input = parseInput(statusBodySchema, request.body);
        const template = ctx.state.templates.find(request.params.id);
        if (!template) throw new ControlError(404, `Unknown template ${request.params.id}`);
        if (input.reason !== undefined && input.status !== 'REJECTED') {
          throw new ControlError(400, 'reason: only a REJECTED status carries a reason');
        }
        const deliveryId = reviewer.decide(template, input.status, input.reason ?? 'INVALID_FORMAT');
        return {
          id: template.id,
          status: template.status,
          rejected_reason: template.rejectedReason,
          delivery_id: deliveryId,
        };
      });
    },
    { prefix: '/_sandbox' },
  );
}
