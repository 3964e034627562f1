import { logoutAction } from '@/lib/session/session-actions';
import { Button } from './button';

/** A plain form, so logging out works before the page's scripts have loaded. */
export function LogoutButton() {
  return (
    <form action={logoutAction}>
      <Button type="submit" variant="secondary">
        Log out
      </Button>
    </form>
  );
}
