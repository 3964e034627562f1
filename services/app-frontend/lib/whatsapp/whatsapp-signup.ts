/**
 * Embedded Signup in the browser, as a pure state machine: Meta's popup posts the ids (`WA_EMBEDDED_SIGNUP`
 * `FINISH`) and the login callback hands over the code, in either order; only when both are in may the page ask
 * the server to connect the number. Framework-free so that every path is unit-tested.
 */

import type { PlanLimitWayOut } from '@aerostic/shared';

/** How the page runs the sign-up, decided on the server from the environment. */
export type SignupMode =
  | { kind: 'facebook'; appId: string; configId: string; graphVersion: string }
  | { kind: 'sandbox'; signupUrl: string; origin: string }
  | { kind: 'unavailable' };

export interface SignupEnv {
  META_APP_ID?: string;
  META_CONFIG_ID?: string;
  /** The Graph version Meta's SDK is initialised with: the API's own (`META_GRAPH_VERSION`). */
  META_GRAPH_VERSION: string;
  META_SANDBOX_URL?: string;
}

/** A configured sandbox always wins: development and tests must never open Meta's real dialog. */
export function signupModeFrom(env: SignupEnv): SignupMode {
  if (env.META_SANDBOX_URL) {
    const base = new URL(env.META_SANDBOX_URL);
    return { kind: 'sandbox', signupUrl: new URL('/_sandbox/signup', base).toString(), origin: base.origin };
  }
  if (env.META_APP_ID && env.META_CONFIG_ID) {
    return {
      kind: 'facebook',
      appId: env.META_APP_ID,
      configId: env.META_CONFIG_ID,
      graphVersion: env.META_GRAPH_VERSION,
    };
  }
  return { kind: 'unavailable' };
}

/** The sandbox popup's address; it posts its messages to `openerOrigin` only. */
export function sandboxPopupUrl(mode: Extract<SignupMode, { kind: 'sandbox' }>, openerOrigin: string): string {
  const url = new URL(mode.signupUrl);
  url.searchParams.set('origin', openerOrigin);
  return url.toString();
}

/** Which senders of `message` events are believed. */
export type OriginPolicy = { kind: 'facebook' } | { kind: 'exact'; origin: string };

export function originPolicyFor(mode: SignupMode): OriginPolicy | null {
  if (mode.kind === 'facebook') return { kind: 'facebook' };
  if (mode.kind === 'sandbox') return { kind: 'exact', origin: mode.origin };
  return null;
}

/**
 * Meta's sample checks `origin.endsWith('facebook.com')`, which also believes `https://evilfacebook.com`:
 * here the host must be facebook.com itself or one of its subdomains, over https.
 */
export function isTrustedOrigin(origin: string, policy: OriginPolicy): boolean {
  if (policy.kind === 'exact') return origin === policy.origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && (url.hostname === 'facebook.com' || url.hostname.endsWith('.facebook.com'));
}

/** What one `message` event from the popup means; `null` for anything else the page may receive. */
export type SignupMessage =
  | { type: 'finish'; wabaId: string; phoneNumberId: string }
  | { type: 'finish-without-number'; wabaId: string | null }
  | { type: 'cancel'; step: string | null; errorMessage: string | null }
  | { type: 'error'; errorMessage: string | null }
  | { type: 'code'; code: string };

const FINISH_WITHOUT_NUMBER = new Set(['FINISH_ONLY_WABA', 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING']);

/** Meta posts JSON strings; anything unparsable or of another `type` is somebody else's message. */
export function parseSignupMessage(raw: unknown): SignupMessage | null {
  const value = typeof raw === 'string' ? parseJson(raw) : raw;
  if (!isRecord(value)) return null;
  const data = isRecord(value.data) ? value.data : {};

  if (value.type === 'WA_EMBEDDED_SIGNUP_CODE') {
    const code = nonEmpty(value.code);
    return code ? { type: 'code', code } : null;
  }
  if (value.type !== 'WA_EMBEDDED_SIGNUP') return null;

  const event = typeof value.event === 'string' ? value.event : '';
  if (event === 'FINISH') {
    const wabaId = idValue(data.waba_id);
    const phoneNumberId = idValue(data.phone_number_id);
    if (wabaId && phoneNumberId) return { type: 'finish', wabaId, phoneNumberId };
    return { type: 'finish-without-number', wabaId };
  }
  if (FINISH_WITHOUT_NUMBER.has(event)) return { type: 'finish-without-number', wabaId: idValue(data.waba_id) };
  if (event === 'CANCEL') {
    return { type: 'cancel', step: nonEmpty(data.current_step), errorMessage: nonEmpty(data.error_message) };
  }
  if (event === 'ERROR') return { type: 'error', errorMessage: nonEmpty(data.error_message) };
  return null;
}

export interface SignupIds {
  wabaId: string;
  phoneNumberId: string;
}

/** What the server action receives once both halves are in. */
export interface SignupResult extends SignupIds {
  code: string;
}

export type SignupState =
  | { phase: 'idle' }
  | { phase: 'waiting'; policy: OriginPolicy; ids: SignupIds | null; code: string | null }
  | { phase: 'submitting'; result: SignupResult }
  | { phase: 'connected'; displayPhoneNumber: string }
  | { phase: 'failed'; message: string; wayOut?: PlanLimitWayOut };

export type SignupEvent =
  | { type: 'start'; policy: OriginPolicy }
  | { type: 'message'; origin: string; data: unknown }
  /** FB.login's callback: the code, or nothing when the person closed the dialog. */
  | { type: 'login-callback'; code: string | null }
  | { type: 'popup-blocked' }
  /** The window is gone (checked a moment after it closed, so that its last messages are in first). */
  | { type: 'popup-closed' }
  | { type: 'connected'; displayPhoneNumber: string }
  | { type: 'api-failed'; message: string; wayOut?: PlanLimitWayOut }
  | { type: 'reset' };

export const IDLE_SIGNUP: SignupState = { phase: 'idle' };

export const SIGNUP_MESSAGES = {
  popupBlocked:
    'Your browser blocked the sign-up window. Allow pop-ups for this site (look for the icon in the address bar), then click "Connect WhatsApp number" again.',
  popupClosed:
    'The sign-up window was closed before it finished, so nothing was connected. Start again when you are ready.',
  noCode:
    'Meta finished the sign-up but did not hand back its authorization, so nothing was connected. Start again; if it keeps happening, contact support.',
  noNumber:
    'The sign-up finished without a phone number. Start again and add or choose the number you want to use in the "Phone number" step.',
  sdkFailed:
    'Meta’s sign-up could not be loaded. Check that your browser or network does not block connect.facebook.net, then reload the page.',
} as const;

/** Advances the sign-up; events that do not fit the current phase (late, duplicated, foreign) change nothing. */
export function signupReducer(state: SignupState, event: SignupEvent): SignupState {
  switch (event.type) {
    case 'start':
      return state.phase === 'waiting' || state.phase === 'submitting'
        ? state
        : { phase: 'waiting', policy: event.policy, ids: null, code: null };
    case 'reset':
      return state.phase === 'submitting' ? state : IDLE_SIGNUP;
    case 'message': {
      if (state.phase !== 'waiting' || !isTrustedOrigin(event.origin, state.policy)) return state;
      const message = parseSignupMessage(event.data);
      return message ? applyMessage(state, message) : state;
    }
    case 'login-callback':
      if (state.phase !== 'waiting') return state;
      return event.code ? withHalf(state, { code: event.code }) : state;
    case 'popup-blocked':
      return state.phase === 'waiting' ? failed(SIGNUP_MESSAGES.popupBlocked) : state;
    case 'popup-closed':
      if (state.phase !== 'waiting') return state;
      return failed(state.ids ? SIGNUP_MESSAGES.noCode : SIGNUP_MESSAGES.popupClosed);
    case 'connected':
      return state.phase === 'submitting'
        ? { phase: 'connected', displayPhoneNumber: event.displayPhoneNumber }
        : state;
    case 'api-failed':
      return state.phase === 'submitting' ? failed(event.message, event.wayOut) : state;
  }
}

type WaitingState = Extract<SignupState, { phase: 'waiting' }>;

function applyMessage(state: WaitingState, message: SignupMessage): SignupState {
  switch (message.type) {
    case 'finish':
      return withHalf(state, { ids: { wabaId: message.wabaId, phoneNumberId: message.phoneNumberId } });
    case 'code':
      return withHalf(state, { code: message.code });
    case 'finish-without-number':
      return failed(SIGNUP_MESSAGES.noNumber);
    case 'cancel':
      return failed(
        message.errorMessage
          ? `Meta stopped the sign-up: ${message.errorMessage}. Nothing was connected; start again when you are ready.`
          : `You left the sign-up${message.step ? ` at the ${humanStep(message.step)} step` : ''}, so nothing was connected. Start again when you are ready.`,
      );
    case 'error':
      return failed(
        `Meta reported a problem during the sign-up${message.errorMessage ? `: ${message.errorMessage}` : ''}. Nothing was connected; try again in a few minutes.`,
      );
  }
}

/** The first of each half is kept: a duplicate or late message cannot swap the ids under a code. */
function withHalf(state: WaitingState, half: { ids?: SignupIds; code?: string }): SignupState {
  const ids = state.ids ?? half.ids ?? null;
  const code = state.code ?? half.code ?? null;
  if (ids && code) return { phase: 'submitting', result: { ...ids, code } };
  return { ...state, ids, code };
}

function failed(message: string, wayOut?: PlanLimitWayOut): SignupState {
  return { phase: 'failed', message, wayOut };
}

/** `PHONE_NUMBER_VERIFICATION` → `phone number verification`. */
export function humanStep(step: string): string {
  return step.toLowerCase().replace(/_+/g, ' ').trim();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Meta's ids are numeric strings; some SDK versions send them as numbers. */
function idValue(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return nonEmpty(value);
}

/** What the connect server action answers. */
export type ConnectOutcome =
  { ok: true; displayPhoneNumber: string } | { ok: false; message: string; wayOut?: PlanLimitWayOut };
