import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Log in' };

const INPUT =
  'w-full rounded-lg border border-line bg-canvas px-3 py-2 text-sm text-ink-subtle disabled:cursor-not-allowed';

/**
 * Platform-admin accounts do not exist yet, so the form is shown switched off with the reason rather than
 * accepting credentials it could not check.
 */
export default function LoginPage() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-chrome px-4 py-12">
      <p className="mb-8 text-lg font-semibold text-white">
        Aerostic <span className="font-normal text-chrome-ink">Admin</span>
      </p>
      <main className="w-full max-w-md rounded-(--radius-card) bg-surface p-8 shadow-lg">
        <h1 className="text-2xl font-semibold tracking-tight">Platform admin log in</h1>
        <div
          id="login-unavailable"
          role="note"
          className="mt-4 rounded-lg border border-warning-700/30 bg-warning-50 p-3"
        >
          <p className="text-sm font-semibold text-warning-700">Not available yet</p>
          <p className="mt-1 text-sm text-ink-muted">
            Platform administrator accounts arrive in a later release, so nobody can log in here yet. Businesses and
            their agents log in to the Aerostic dashboard, not to this panel.
          </p>
        </div>
        <form className="mt-6" aria-describedby="login-unavailable">
          <fieldset disabled className="flex flex-col gap-4">
            <div className="flex flex-col gap-1.5">
              <label htmlFor="email" className="text-sm font-medium">
                Email
              </label>
              <input id="email" name="email" type="email" autoComplete="username" className={INPUT} />
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="password" className="text-sm font-medium">
                Password
              </label>
              <input id="password" name="password" type="password" autoComplete="current-password" className={INPUT} />
            </div>
            <button
              type="submit"
              className="mt-2 w-full rounded-lg bg-brand-600/50 px-3.5 py-2 text-sm font-medium text-white disabled:cursor-not-allowed"
            >
              Log in
            </button>
          </fieldset>
        </form>
      </main>
    </div>
  );
}
