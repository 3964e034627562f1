/**
 * How a send addresses a customer: by phone number (`to`) when it is known, else by business-scoped user id
 * (`recipient`), as Meta asks for customers who set a username (docs/adr/0113).
 */
export type SendAddress = { to: string } | { recipient: string };

export function sendAddressOf(customer: { waId: string | null; userId: string | null }): SendAddress {
  if (customer.waId) return { to: customer.waId };
  if (customer.userId) return { recipient: customer.userId };
  throw new Error('A contact has a phone number or a user id');
}

/** The customer a send body addresses, phone number or user id: the key of Meta's pair rate limit. */
export function addressedCustomer(body: Record<string, unknown>): string | undefined {
  const to = body['to'] ?? body['recipient'];
  return typeof to === 'string' ? to : undefined;
}

/** Meta's business-scoped user id: a two-letter country code, a period, then letters and digits. */
export const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]{1,160}$/;
