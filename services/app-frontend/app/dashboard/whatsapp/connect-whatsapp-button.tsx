'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { type FacebookSdk, embeddedSignupLoginOptions, loadFacebookSdk } from '@/lib/whatsapp/whatsapp-facebook-sdk';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import {
  type ConnectOutcome,
  IDLE_SIGNUP,
  type SignupEvent,
  type SignupMode,
  type SignupResult,
  type SignupState,
  SIGNUP_MESSAGES,
  originPolicyFor,
  sandboxPopupUrl,
  signupReducer,
} from '@/lib/whatsapp/whatsapp-signup';
import { connectWhatsAppAction } from './actions';

/** A window's last messages may be dispatched after it reports `closed`: give them this long to land. */
const CLOSE_GRACE_MS = 1_500;
const POPUP_POLL_MS = 500;
const POPUP_NAME = 'aerostic-whatsapp-signup';
const POPUP_FEATURES = 'popup,width=640,height=780';

type SdkStatus = 'not-needed' | 'loading' | 'ready' | 'failed';

/**
 * Runs Embedded Signup: Meta's dialog in production, the meta-sandbox's stand-in page in development. Waits for
 * both the ids and the code, then asks the server to connect the number.
 */
export function ConnectWhatsAppButton({ mode }: { mode: SignupMode }) {
  const [state, setState] = useState<SignupState>(IDLE_SIGNUP);
  const stateRef = useRef<SignupState>(IDLE_SIGNUP);
  const popupRef = useRef<Window | null>(null);
  const sdkRef = useRef<FacebookSdk | null>(null);
  const submittedRef = useRef<SignupResult | null>(null);
  const [sdkStatus, setSdkStatus] = useState<SdkStatus>(mode.kind === 'facebook' ? 'loading' : 'not-needed');
  const [, startTransition] = useTransition();

  // Reduced synchronously: two messages in one task must each see the state the other left.
  const dispatch = useCallback((event: SignupEvent) => {
    const next = signupReducer(stateRef.current, event);
    if (next === stateRef.current) return;
    stateRef.current = next;
    setState(next);
  }, []);

  const appId = mode.kind === 'facebook' ? mode.appId : null;
  const graphVersion = mode.kind === 'facebook' ? mode.graphVersion : null;
  useEffect(() => {
    if (!appId || !graphVersion) return;
    let active = true;
    loadFacebookSdk(appId, graphVersion).then(
      (sdk) => {
        if (!active) return;
        sdkRef.current = sdk;
        setSdkStatus('ready');
      },
      (error: unknown) => {
        console.error(error);
        if (active) setSdkStatus('failed');
      },
    );
    return () => {
      active = false;
    };
  }, [appId, graphVersion]);

  // Listening for the whole life of the page: the reducer ignores whatever arrives outside a sign-up.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // In development the popup is ours: only its window may speak (the origin is checked as well).
      if (popupRef.current && event.source !== popupRef.current) return;
      dispatch({ type: 'message', origin: event.origin, data: event.data });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [dispatch]);

  const waiting = state.phase === 'waiting';
  useEffect(() => {
    if (!waiting || mode.kind !== 'sandbox') return;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const poll = setInterval(() => {
      if (!popupRef.current?.closed || grace) return;
      grace = setTimeout(() => dispatch({ type: 'popup-closed' }), CLOSE_GRACE_MS);
    }, POPUP_POLL_MS);
    return () => {
      clearInterval(poll);
      clearTimeout(grace);
    };
  }, [waiting, mode.kind, dispatch]);

  useEffect(() => {
    if (state.phase !== 'submitting' || submittedRef.current === state.result) return;
    const result = state.result;
    submittedRef.current = result;
    if (popupRef.current && !popupRef.current.closed) popupRef.current.close();
    startTransition(async () => {
      let outcome: ConnectOutcome;
      try {
        outcome = await connectWhatsAppAction(result);
      } catch (error) {
        console.error(error);
        outcome = {
          ok: false,
          message: 'Aerostic could not be reached to finish connecting. Check your connection and start again.',
        };
      }
      dispatch(
        outcome.ok
          ? { type: 'connected', displayPhoneNumber: outcome.displayPhoneNumber }
          : { type: 'api-failed', message: outcome.message, wayOut: outcome.wayOut },
      );
    });
  }, [state, dispatch]);

  function start() {
    const policy = originPolicyFor(mode);
    if (!policy) return;
    if (mode.kind === 'sandbox') {
      // Opened straight from the click: browsers block windows opened later.
      const popup = window.open(sandboxPopupUrl(mode, window.location.origin), POPUP_NAME, POPUP_FEATURES);
      popupRef.current = popup;
      dispatch({ type: 'start', policy });
      if (!popup) dispatch({ type: 'popup-blocked' });
      else popup.focus();
      return;
    }
    const sdk = sdkRef.current;
    if (mode.kind !== 'facebook' || !sdk) return;
    popupRef.current = null;
    dispatch({ type: 'start', policy });
    sdk.login((response) => {
      const code = response.authResponse?.code ?? null;
      if (code) dispatch({ type: 'login-callback', code });
      // Closed without a code; a CANCEL message, when Meta sends one, explains more and wins.
      else setTimeout(() => dispatch({ type: 'popup-closed' }), CLOSE_GRACE_MS);
    }, embeddedSignupLoginOptions(mode.configId));
  }

  function startOver() {
    if (popupRef.current && !popupRef.current.closed) popupRef.current.close();
    dispatch({ type: 'reset' });
  }

  if (mode.kind === 'unavailable') {
    return (
      <FormAlert
        tone="info"
        message="Connecting numbers is not set up on this Aerostic server yet: it is missing its Meta app settings. Contact Aerostic support."
      />
    );
  }

  const busy = state.phase === 'waiting' || state.phase === 'submitting';
  const pendingLabel = state.phase === 'submitting' ? 'Connecting…' : 'Waiting for the sign-up window…';
  return (
    <div className="flex flex-col items-start gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          onClick={start}
          disabled={sdkStatus === 'loading' || sdkStatus === 'failed'}
          pending={busy}
          pendingLabel={pendingLabel}
        >
          Connect WhatsApp number
        </Button>
        {state.phase === 'waiting' && (
          <Button type="button" variant="ghost" onClick={startOver}>
            Start over
          </Button>
        )}
      </div>
      <SignupProgress state={state} sandbox={mode.kind === 'sandbox'} sdkStatus={sdkStatus} />
      {mode.kind === 'sandbox' && (
        <p className="text-xs text-ink-subtle">
          Development server: the sign-up window is Aerostic’s Meta sandbox, which creates a test business and number.
        </p>
      )}
    </div>
  );
}

function SignupProgress({ state, sandbox, sdkStatus }: { state: SignupState; sandbox: boolean; sdkStatus: SdkStatus }) {
  if (state.phase === 'failed') return <FormAlert message={state.message} wayOut={state.wayOut} />;
  if (sdkStatus === 'failed' && state.phase === 'idle') {
    return <FormAlert message={SIGNUP_MESSAGES.sdkFailed} />;
  }
  if (state.phase === 'connected') {
    return (
      <FormAlert
        tone="success"
        message={`${formatPhoneNumber(state.displayPhoneNumber)} is connected. Its messages now arrive in the inbox.`}
      />
    );
  }
  const text = progressText(state, sandbox, sdkStatus);
  return (
    <p role="status" aria-live="polite" className="text-sm text-ink-muted">
      {text}
    </p>
  );
}

function progressText(state: SignupState, sandbox: boolean, sdkStatus: SdkStatus): string {
  const signupWindow = sandbox ? 'the sign-up window' : 'Meta’s sign-up window';
  switch (state.phase) {
    case 'waiting':
      if (state.ids) return 'Your number is chosen. Waiting for Meta’s authorization…';
      if (state.code) return `Waiting for ${signupWindow} to finish…`;
      return `Follow the steps in ${signupWindow}: choose your business, then the phone number. This page continues by itself.`;
    case 'submitting':
      return 'Connecting your number: Aerostic checks it with Meta and registers it. This takes a few seconds…';
    default:
      return sdkStatus === 'loading' ? 'Loading Meta’s sign-up…' : '';
  }
}
