import { redirect } from 'next/navigation';
import { readSessionToken } from '@/lib/session/session';

// There is no public landing page yet: the root sends people where they can act.
export default async function HomePage() {
  redirect((await readSessionToken()) ? '/dashboard' : '/login');
}
