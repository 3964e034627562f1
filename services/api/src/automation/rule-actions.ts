import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  type AutomationAction,
  type AutomationActionResultDto,
  type AutomatedBy,
  type SendMessageInput,
  serviceWindow,
} from '@aerostic/shared';
import { InvalidCampaignError } from '../campaigns/campaigns.errors';
import { parameterValue, planCampaignMessage } from '../campaigns/campaign-template';
import { templateContent } from '../campaigns/sending/campaign-template';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/http/domain-error';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationsService } from '../conversations/conversations.service';
import { AutomatedCapReachedError } from '../messages/messages.errors';
import { SendMessageService } from '../messages/send-message.service';
import { type AutomationRule, type AutomationRun, type AutomationSettings } from './automation.row';
import { AutomationRepository } from './automation.repository';
import { AiResponder, ConversationRouter, type RouteRequest, RuleWebhooks } from './ports';

/** What an action runs in: the run it belongs to, its place in the rule, and the workspace's settings. */
export interface ActionContext {
  tenantId: string;
  rule: AutomationRule;
  run: AutomationRun;
  index: number;
  conversationId: string;
  /** The customer's message the event is about, if any. */
  messageId: string | null;
  settings: AutomationSettings;
}

type Result = Omit<AutomationActionResultDto, 'type'>;
const done = (detail: string): Result => ({ outcome: 'done', detail });
const failed = (detail: string): Result => ({ outcome: 'failed', detail });
const skipped = (detail: string): Result => ({ outcome: 'skipped', detail });

/**
 * Runs one action of a rule through the module that owns what it changes. Every action may run again after a crash:
 * sends and notes carry a key derived from the run and the action's place, tags and status are set, not toggled.
 * A refusal (a domain error) is the action's outcome; anything else fails the job so that its retry resumes here.
 */
@Injectable()
export class RuleActions {
  private readonly logger = new Logger(RuleActions.name);

  constructor(
    private readonly repository: AutomationRepository,
    private readonly sender: SendMessageService,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
    private readonly ai: AiResponder,
    private readonly router: ConversationRouter,
    @Optional() private readonly webhooks?: RuleWebhooks,
  ) {}

  async run(action: AutomationAction, ctx: ActionContext): Promise<AutomationActionResultDto> {
    let result: Result;
    try {
      result = await this.perform(action, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result = error instanceof AutomatedCapReachedError ? skipped(error.message) : failed(error.message);
    }
    return { type: action.type, ...result };
  }

  private key(ctx: ActionContext, suffix = ''): string {
    return `automation-${ctx.run.id}-${ctx.index}${suffix}`;
  }

  private async perform(action: AutomationAction, ctx: ActionContext): Promise<Result> {
    const { tenantId, conversationId } = ctx;
    switch (action.type) {
      case 'reply_text':
        return this.sendText(ctx, action.text, 'rule');
      case 'send_template':
        return this.sendTemplate(ctx, action);
      case 'assign':
        return this.assign(ctx, action);
      case 'add_tag':
      case 'remove_tag': {
        const { contactId } = await this.conversations.get(tenantId, conversationId);
        const add = action.type === 'add_tag';
        const changed = await this.contacts.changeTag(tenantId, contactId, action.tag, add);
        return done(
          changed
            ? `Tag "${action.tag}" ${add ? 'added' : 'removed'}`
            : `The contact ${add ? 'already had' : 'did not have'} the tag "${action.tag}"`,
        );
      }
      case 'set_status':
        if (!(await this.conversations.setStatus(tenantId, conversationId, action.status)))
          return failed('The conversation no longer exists');
        return done(`Status set to ${action.status}`);
      case 'add_note':
        await this.conversations.addAutomationNote(tenantId, conversationId, action.text, this.key(ctx));
        return done('Note added');
      case 'ai_reply':
        return this.aiReply(ctx);
      case 'call_webhook': {
        if (!this.webhooks) return failed('This version has no event webhooks to call yet');
        const detail = await this.webhooks.deliver({
          tenantId,
          endpointId: action.endpointId,
          ruleId: ctx.rule.id,
          runId: ctx.run.id,
          conversationId,
          messageId: ctx.messageId,
        });
        return done(detail);
      }
    }
  }

  /** A free-form text, only inside the 24-hour window: outside it WhatsApp refuses it, so it is not attempted. */
  private async sendText(
    ctx: ActionContext,
    body: string,
    automatedBy: AutomatedBy,
    tokens?: { aiPromptTokens: number; aiCompletionTokens: number },
    suffix = '',
  ): Promise<Result> {
    const conversation = await this.conversations.get(ctx.tenantId, ctx.conversationId);
    if (!serviceWindow(conversation.lastInboundAt, this.clock.now().getTime()).open)
      return skipped(
        'Not attempted: the customer last wrote more than 24 hours ago, so WhatsApp accepts only a template (use send_template)',
      );
    const message = await this.sender.sendAutomated(
      ctx.tenantId,
      ctx.conversationId,
      { type: 'text', text: { body } },
      this.key(ctx, suffix),
      { automatedBy, ruleId: ctx.rule.id, maxPerHour: ctx.settings.maxAutomatedMessagesPerHour, ...tokens },
    );
    return done(`Sent message ${message.id}`);
  }

  /** The template with its variables filled from the contact, as a campaign fills them. */
  private async sendTemplate(
    ctx: ActionContext,
    action: Extract<AutomationAction, { type: 'send_template' }>,
  ): Promise<Result> {
    const template = await this.repository.template(ctx.tenantId, action.name, action.language);
    if (!template) return failed(`The template ${action.name} (${action.language}) no longer exists`);
    let plan: ReturnType<typeof planCampaignMessage>;
    try {
      plan = planCampaignMessage(template, action.variables ?? {});
    } catch (error) {
      if (error instanceof InvalidCampaignError) return failed(error.message);
      throw error;
    }
    const { contact } = await this.conversations.get(ctx.tenantId, ctx.conversationId);
    const values = plan.parameters.map((p) => ({ name: p.name, value: parameterValue(p.resolved, contact) }));
    const missing = values.filter((v) => v.value === null).map((v) => `{{${v.name}}}`);
    if (missing.length > 0) return failed(`Not sent: the contact has no value for ${missing.join(', ')}`);
    const content = templateContent(
      { name: template.name, language: template.language, components: template.components },
      values.map((v) => v.value ?? ''),
    );
    const message = await this.sender.sendAutomated(
      ctx.tenantId,
      ctx.conversationId,
      { type: 'template', template: content['template'] } as SendMessageInput,
      this.key(ctx),
      { automatedBy: 'rule', ruleId: ctx.rule.id, maxPerHour: ctx.settings.maxAutomatedMessagesPerHour },
    );
    return done(`Sent template ${action.name} as message ${message.id}`);
  }

  private async assign(ctx: ActionContext, target: Omit<RouteRequest, 'tenantId' | 'conversationId'>): Promise<Result> {
    const outcome = await this.router.route({
      tenantId: ctx.tenantId,
      conversationId: ctx.conversationId,
      strategy: target.strategy,
      ...(target.agentId && { agentId: target.agentId }),
      ...(target.teamId && { teamId: target.teamId }),
    });
    return outcome.assigned
      ? done(`Assigned to agent ${outcome.agentId}`)
      : done(`Waiting for an agent, unassigned: ${outcome.reason}`);
  }

  /**
   * The AI answers, or a person takes over (docs/adr/0121): the customer's message is never left with neither. A
   * handoff goes where the rule's assign action says, else round-robin, with a note saying why.
   */
  private async aiReply(ctx: ActionContext): Promise<Result> {
    if (!ctx.messageId) return this.handoff(ctx, 'There is no customer message for the AI to answer');
    const answer = await this.ai.answer({
      tenantId: ctx.tenantId,
      conversationId: ctx.conversationId,
      messageId: ctx.messageId,
    });
    if (answer.kind === 'handoff') return this.handoff(ctx, answer.detail);
    const tokens = { aiPromptTokens: answer.promptTokens, aiCompletionTokens: answer.completionTokens };
    try {
      const sent = await this.sendText(ctx, answer.text, 'ai', tokens);
      if (sent.outcome === 'done') return done(`AI (${answer.model}) answered: ${sent.detail ?? ''}`.trim());
      return this.handoff(ctx, `The AI answer was not sent: ${sent.detail ?? ''}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.handoff(ctx, `The AI answer was not sent: ${error.message}`);
    }
  }

  private async handoff(ctx: ActionContext, why: string): Promise<Result> {
    const assign = ctx.rule.actions.find((a) => a.type === 'assign');
    const target = assign ?? { strategy: 'round_robin' as const };
    await this.conversations.addAutomationNote(
      ctx.tenantId,
      ctx.conversationId,
      `Handed to a person: ${why}`,
      this.key(ctx, '-handoff'),
    );
    const routed = await this.assign(ctx, target);
    this.logger.log({ conversationId: ctx.conversationId, why }, 'AI reply handed off');
    const detail = `Handed to a person: ${why}. ${routed.detail ?? ''}`.trim();
    return routed.outcome === 'done' ? done(detail) : failed(detail);
  }
}
