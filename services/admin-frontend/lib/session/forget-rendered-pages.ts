import 'server-only';
import { revalidatePath } from 'next/cache';

/**
 * After a sign-in, sign-out or enrolment, drops every page and layout the browser kept from before: the shell
 * names the signed-in admin and warns an admin who has not enrolled, and must not show the previous state.
 */
export function forgetRenderedPages(): void {
  revalidatePath('/', 'layout');
}
