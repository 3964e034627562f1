import { BSUID_PATTERN } from '@aerostic/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import { type CustomerRecord, newUserId } from '../state/customers';
import { ControlError, parseInput } from './control-error';
import { sendCustomerMessage } from './customer-messages';

const digits = (name: string) => z.string().regex(/^\d{6,20}$/, `${name} must be 6 to 20 digits`);
const userId = (name: string) =>
  z.string().regex(BSUID_PATTERN, `${name} must be a business-scoped user id such as US.13491208655302741918`);
const phoneNumberId = z.string().regex(/^\d{1,30}$/, 'phone_number_id must be a numeric id');

const createCustomerSchema = z.strictObject({
  /** Default: a new one. */
  user_id: userId('user_id').optional(),
  parent_user_id: z.string().min(1).max(200).optional(),
  username: z.string().min(1).max(64).optional(),
  /** The customer's phone number; without one the customer can never share it. */
  wa_id: digits('wa_id').optional(),
  /** Whether webhooks carry wa_id: default true without a username, false with one (it hides the number). */
  share_phone: z.boolean().optional(),
  profile_name: z.string().min(1).max(256).optional(),
});

const onNumberSchema = z.strictObject({ phone_number_id: phoneNumberId });
const changeNumberSchema = z.strictObject({ phone_number_id: phoneNumberId, wa_id: digits('wa_id') });

function customerView(customer: CustomerRecord) {
  return {
    user_id: customer.userId,
    parent_user_id: customer.parentUserId,
    username: customer.username,
    wa_id: customer.waId,
    phone_shared: customer.phoneShared,
    profile_name: customer.profileName,
  };
}

function findCustomer(ctx: SandboxContext, id: string): CustomerRecord {
  const customer = ctx.state.customers.find(id);
  if (!customer) throw new ControlError(404, `Unknown customer ${id}: create one with POST /_sandbox/customers`);
  return customer;
}

/**
 * Customers known by business-scoped user id (Meta's 2026 usernames): made here, they write through
 * `/customers/:user_id/messages`, share their number, change it, and answer a request for it.
 */
export function registerCustomerRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.post('/customers', async (request, reply) => {
    const input = parseInput(createCustomerSchema, request.body);
    const customer: CustomerRecord = {
      userId: input.user_id ?? newUserId(),
      parentUserId: input.parent_user_id ?? null,
      username: input.username ?? null,
      waId: input.wa_id ?? null,
      phoneShared: input.wa_id !== undefined && (input.share_phone ?? input.username === undefined),
      profileName: input.profile_name ?? null,
    };
    for (const id of [customer.userId, customer.waId]) {
      if (id && ctx.state.customers.find(id)) throw new ControlError(409, `A customer with ${id} exists`);
    }
    ctx.state.customers.add(customer);
    return reply.status(201).send(customerView(customer));
  });

  control.get<{ Params: { id: string } }>('/customers/:id', async (request) =>
    customerView(findCustomer(ctx, request.params.id)),
  );

  // From now on webhooks carry the customer's number beside their user id.
  control.post<{ Params: { id: string } }>('/customers/:id/share-phone', async (request) => {
    const customer = findCustomer(ctx, request.params.id);
    if (!customer.waId) throw new ControlError(409, `Customer ${customer.userId} has no phone number to share`);
    customer.phoneShared = true;
    return customerView(customer);
  });

  // The customer taps "Share phone number" under a request_contact_info message: a contacts message comes back.
  control.post<{ Params: { id: string } }>('/customers/:id/contact-info', async (request) => {
    const customer = findCustomer(ctx, request.params.id);
    const { phone_number_id } = parseInput(onNumberSchema, request.body);
    if (!customer.waId) throw new ControlError(409, `Customer ${customer.userId} has no phone number to share`);
    const name = customer.profileName ?? customer.username ?? 'WhatsApp user';
    const card = {
      name: { formatted_name: name, first_name: name },
      phones: [{ phone: `+${customer.waId}`, wa_id: customer.waId, type: 'MOBILE' }],
      origin: 'contact_request',
    };
    const sent = sendCustomerMessage(ctx, customer.userId, { phone_number_id, type: 'contacts', contacts: [card] });
    customer.phoneShared = true;
    return { ...sent, customer: customerView(customer) };
  });

  // A new number comes with a new user id: Meta reports both in a user_changed_number system message.
  control.post<{ Params: { id: string } }>('/customers/:id/change-number', async (request) => {
    const customer = findCustomer(ctx, request.params.id);
    const input = parseInput(changeNumberSchema, request.body);
    if (ctx.state.customers.find(input.wa_id)) throw new ControlError(409, `A customer with ${input.wa_id} exists`);
    const previous = customer.userId;
    const next = newUserId(previous.slice(0, 2));
    const system = {
      type: 'user_changed_number',
      wa_id: input.wa_id,
      user_id: next,
      previous_user_id: previous,
      ...(customer.parentUserId !== null && {
        parent_user_id: customer.parentUserId,
        previous_parent_user_id: customer.parentUserId,
      }),
    };
    const sent = sendCustomerMessage(ctx, previous, { phone_number_id: input.phone_number_id, type: 'system', system });
    ctx.state.customers.changeNumber(customer, input.wa_id, next);
    return { ...sent, customer: customerView(customer) };
  });

  // Only the user id changes (no number is shared): a user_changed_user_id system message.
  control.post<{ Params: { id: string } }>('/customers/:id/change-user-id', async (request) => {
    const customer = findCustomer(ctx, request.params.id);
    const { phone_number_id } = parseInput(onNumberSchema, request.body);
    const previous = customer.userId;
    const next = newUserId(previous.slice(0, 2));
    const system = {
      type: 'user_changed_user_id',
      body: 'User changed their user id',
      user_id: next,
      previous_user_id: previous,
    };
    const sent = sendCustomerMessage(ctx, previous, { phone_number_id, type: 'system', system });
    ctx.state.customers.changeUserId(customer, next);
    return { ...sent, customer: customerView(customer) };
  });
}
