import { redirect } from 'next/navigation';

// The middleware sends visitors without an admin session on to /login.
export default function HomePage() {
  redirect('/dashboard');
}
