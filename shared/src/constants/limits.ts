export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** bcrypt cost factor; OWASP asks for 10 or more, we use 12. */
export const BCRYPT_COST = 12;
export const INVITATION_TTL_HOURS = 72;
export const AUTH_COOKIE_NAME = 'auth_token';
/** The admin panel's session cookie; admin tokens carry their own audience and never open tenant routes. */
export const ADMIN_COOKIE_NAME = 'admin_token';
/** Sign-in attempts allowed per IP and per account (successes are given back) before the limiter blocks. */
export const LOGIN_LIMIT_PER_IP = { points: 20, durationSeconds: 15 * 60 } as const;
export const LOGIN_LIMIT_PER_ACCOUNT = { points: 5, durationSeconds: 15 * 60 } as const;
/** Sign-in attempts from one known device, which replace the account's counter for it (docs/adr/0169). */
export const LOGIN_LIMIT_PER_DEVICE = { points: 5, durationSeconds: 15 * 60 } as const;
/** Set at a successful sign-in; lets its holder's correct password through a locked account (docs/adr/0169). */
export const KNOWN_DEVICE_COOKIE_NAME = 'known_device';
/** Sign-ups allowed per IP, successful or not: each one spends a password hash and may create a workspace. */
export const REGISTER_LIMIT_PER_IP = { points: 20, durationSeconds: 60 * 60 } as const;
/** Invalid invitation links (previewed or accepted) allowed per IP before the limiter blocks. */
export const INVITATION_LIMIT_PER_IP = { points: 20, durationSeconds: 15 * 60 } as const;
/** Password reset requests allowed per IP and per email address, answered or not (each may send a mail). */
export const PASSWORD_RESET_LIMIT_PER_IP = { points: 20, durationSeconds: 60 * 60 } as const;
export const PASSWORD_RESET_LIMIT_PER_EMAIL = { points: 5, durationSeconds: 60 * 60 } as const;
/** A password reset link works once, for this long. */
export const PASSWORD_RESET_TTL_MINUTES = 30;
/** An email verification link works once, for this long. */
export const EMAIL_VERIFICATION_TTL_HOURS = 72;
/** Verification mails a user may ask to be sent again per hour. */
export const EMAIL_VERIFICATION_RESEND_LIMIT = { points: 5, durationSeconds: 60 * 60 } as const;
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
/** Meta's webhook payloads are small; anything above this is refused with 413. */
export const WEBHOOK_MAX_BYTES = 3 * 1024 * 1024;
