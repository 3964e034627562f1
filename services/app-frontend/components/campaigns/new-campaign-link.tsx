import Link from 'next/link';

/** The way into the create wizard, styled as the page's primary button. */
export function NewCampaignLink({ children = 'New campaign' }: { children?: string }) {
  return (
    <Link
      href="/dashboard/campaigns/new"
      className="inline-flex items-center justify-center rounded-lg bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-800"
    >
      {children}
    </Link>
  );
}
