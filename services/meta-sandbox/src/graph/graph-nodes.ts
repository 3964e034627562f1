import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import type { PhoneNumberRecord, WabaRecord } from '../state/accounts';
import type { MediaRecord } from '../state/media-store';
import { assertWabaAccess, authenticate, type GraphCaller } from './graph-auth';
import { graphErrors } from './graph-error';

/** The Graph objects the sandbox knows, by Meta's node type names (used in "nonexisting field" errors). */
export type GraphNode =
  | { type: 'WhatsAppBusinessAccount'; waba: WabaRecord }
  | { type: 'WhatsAppBusinessPhoneNumber'; phoneNumber: PhoneNumberRecord }
  | { type: 'WhatsAppBusinessMedia'; media: MediaRecord };

function findNode(ctx: SandboxContext, id: string): GraphNode | undefined {
  const waba = ctx.state.accounts.wabas.get(id);
  if (waba) return { type: 'WhatsAppBusinessAccount', waba };
  const phoneNumber = ctx.state.accounts.phoneNumbers.get(id);
  if (phoneNumber) return { type: 'WhatsAppBusinessPhoneNumber', phoneNumber };
  const media = ctx.state.media.find(id);
  if (media) return { type: 'WhatsAppBusinessMedia', media };
  return undefined;
}

function owner(node: GraphNode): { wabaId: string; what: string } {
  switch (node.type) {
    case 'WhatsAppBusinessAccount':
      return { wabaId: node.waba.id, what: `WhatsApp Business Account ${node.waba.id}` };
    case 'WhatsAppBusinessPhoneNumber':
      return { wabaId: node.phoneNumber.wabaId, what: `phone number ${node.phoneNumber.id}` };
    case 'WhatsAppBusinessMedia':
      return { wabaId: node.media.wabaId, what: `media ${node.media.id}` };
  }
}

/** Authenticates (401), finds the object (400, code 100, subcode 33) and checks the token may reach it (403). */
export function loadNode(
  ctx: SandboxContext,
  request: FastifyRequest,
  id: string,
): { node: GraphNode; caller: GraphCaller } {
  const caller = authenticate(request, ctx);
  const node = findNode(ctx, id);
  if (!node) throw graphErrors.unknownObject(id, request.method);
  const { wabaId, what } = owner(node);
  assertWabaAccess(caller, wabaId, what);
  return { node, caller };
}

export function requireWaba(node: GraphNode, edge: string): WabaRecord {
  if (node.type !== 'WhatsAppBusinessAccount') throw graphErrors.nonexistingField(edge, node.type);
  return node.waba;
}

export function requirePhoneNumber(node: GraphNode, edge: string): PhoneNumberRecord {
  if (node.type !== 'WhatsAppBusinessPhoneNumber') throw graphErrors.nonexistingField(edge, node.type);
  return node.phoneNumber;
}
