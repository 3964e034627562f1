import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { renderChatPage, renderChatPicker } from './chat-page';
import { escapeHtml, newNonce, renderPage, sendPage } from './html';
import { parseOpenerOrigin, renderSignupPage } from './signup-page';

/** Pages a person uses: the Embedded Signup stand-in and a customer's chat window. */
export function registerPageRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get<{ Querystring: { origin?: string } }>('/_sandbox/signup', async (request, reply) => {
    const nonce = newNonce();
    const { origin, error } = parseOpenerOrigin(request.query.origin);
    return sendPage(reply, renderSignupPage({ nonce, openerOrigin: origin, error }), nonce, error ? 400 : 200);
  });

  app.get<{ Querystring: { phone_number_id?: string } }>('/_sandbox/chat', async (request, reply) => {
    const nonce = newNonce();
    const { accounts } = ctx.state;
    const id = request.query.phone_number_id;
    if (id === undefined || id === '') {
      return sendPage(reply, renderChatPicker({ nonce, numbers: [...accounts.phoneNumbers.values()] }), nonce);
    }
    const phoneNumber = accounts.phoneNumbers.get(id);
    if (!phoneNumber) {
      const body = `<h1>Unknown number</h1><p>No business number has the id ${escapeHtml(id)}. <a href="chat">Pick one</a>.</p>`;
      return sendPage(reply, renderPage({ title: 'Unknown number (sandbox)', nonce, body }), nonce, 404);
    }
    const subscribed = accounts.wabas.get(phoneNumber.wabaId)?.subscription != null;
    return sendPage(reply, renderChatPage({ nonce, phoneNumber, subscribed }), nonce);
  });
}
