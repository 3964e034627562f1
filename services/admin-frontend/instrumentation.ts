/** Runs once as the server starts; the check lives in a Node-only module so no edge bundle includes it. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/check-env');
}
