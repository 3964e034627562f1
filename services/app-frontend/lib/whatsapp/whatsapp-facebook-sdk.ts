/**
 * Meta's JavaScript SDK, which opens the real Embedded Signup dialog. Meta requires it to be loaded from its own
 * host, so this is the one third-party script of the product, loaded only on the WhatsApp page in production.
 */

export const FACEBOOK_SDK_URL = 'https://connect.facebook.net/en_US/sdk.js';

export interface FacebookLoginResponse {
  status?: string;
  authResponse?: { code?: string | null } | null;
}

export interface FacebookLoginOptions {
  config_id: string;
  response_type: 'code';
  override_default_response_type: true;
  extras: { setup: Record<string, never>; featureType: string; sessionInfoVersion: string };
}

export interface FacebookSdk {
  init(options: { appId: string; autoLogAppEvents: boolean; xfbml: boolean; version: string }): void;
  login(callback: (response: FacebookLoginResponse) => void, options: FacebookLoginOptions): void;
}

declare global {
  interface Window {
    FB?: FacebookSdk;
    fbAsyncInit?: () => void;
  }
}

let loading: Promise<FacebookSdk> | undefined;

/** Loads and initialises the SDK once per page, at the API's Graph version; a failed load can be retried. */
export function loadFacebookSdk(appId: string, graphVersion: string): Promise<FacebookSdk> {
  loading ??= new Promise<FacebookSdk>((resolve, reject) => {
    if (window.FB) {
      resolve(window.FB);
      return;
    }
    window.fbAsyncInit = () => {
      const sdk = window.FB;
      if (!sdk) {
        reject(new Error('Meta’s SDK loaded without defining FB'));
        return;
      }
      sdk.init({ appId, autoLogAppEvents: true, xfbml: true, version: graphVersion });
      resolve(sdk);
    };
    const script = document.createElement('script');
    script.src = FACEBOOK_SDK_URL;
    script.async = true;
    script.defer = true;
    script.crossOrigin = 'anonymous';
    script.onerror = () => reject(new Error(`Could not load ${FACEBOOK_SDK_URL}`));
    document.body.appendChild(script);
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The options Embedded Signup v4 expects (featureType '' = Cloud API; sessionInfoVersion 3 = FINISH with ids). */
export function embeddedSignupLoginOptions(configId: string): FacebookLoginOptions {
  return {
    config_id: configId,
    response_type: 'code',
    override_default_response_type: true,
    extras: { setup: {}, featureType: '', sessionInfoVersion: '3' },
  };
}
