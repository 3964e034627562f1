import { type AiHandoffReason, type AssignStrategy } from '@aerostic/shared';

/** Where a conversation goes: the assign action and the AI's handoff ask the routing module through this. */
export interface RouteRequest {
  tenantId: string;
  conversationId: string;
  strategy: AssignStrategy;
  /** `agent` strategy: this agent. */
  agentId?: string;
  /** Only members of this team. */
  teamId?: string;
}

/** Assigned now, or left waiting unassigned (nobody available) with why: it is assigned when someone comes online. */
export type RouteOutcome = { assigned: true; agentId: string } | { assigned: false; reason: string };

/** Implemented by the routing module (docs/adr: routing); atomic per agent's capacity across API replicas. */
export abstract class ConversationRouter {
  abstract route(request: RouteRequest): Promise<RouteOutcome>;
}

/** The inbound message an AI reply answers. */
export interface AiQuestion {
  tenantId: string;
  conversationId: string;
  messageId: string;
}

/**
 * The AI's answer to send, or why a person should take over; never throws for a provider failure (timeout, error,
 * malformed answer): that is a handoff with reason `ai_failed`.
 */
export type AiAnswer =
  | { kind: 'answer'; text: string; model: string; promptTokens: number; completionTokens: number }
  | {
      kind: 'handoff';
      reason: AiHandoffReason;
      /** For the note the conversation gets, in words an agent understands. */
      detail: string;
      promptTokens: number;
      completionTokens: number;
    };

/** Implemented by the AI module: answers a customer's message from the tenant's instructions and knowledge base. */
export abstract class AiResponder {
  abstract answer(question: AiQuestion): Promise<AiAnswer>;
}

/** What a rule's `call_webhook` action hands to the workspace's event webhooks. */
export interface RuleWebhookCall {
  tenantId: string;
  /** The endpoint the action names; none: every endpoint of the workspace subscribed to rule events. */
  endpointId?: string;
  ruleId: string;
  runId: string;
  conversationId: string;
  messageId: string | null;
}

/**
 * Implemented by the event webhooks module (issue 20). Until one is bound, rules with `call_webhook` are refused at
 * save time (docs/adr/0120); binding it is all the action needs.
 */
export abstract class RuleWebhooks {
  /** Whether the endpoint exists in the workspace (an absent id: whether the workspace has any endpoint). */
  abstract hasEndpoint(tenantId: string, endpointId?: string): Promise<boolean>;
  /** Queues the delivery (signed and retried by the webhooks module); answers what to show in the run log. */
  abstract deliver(call: RuleWebhookCall): Promise<string>;
}
