import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BusinessHoursEditor } from '@/components/automation/business-hours-editor';
import { Card } from '@/components/card';
import { getBusinessHours } from '@/lib/automation/automation-api';
import { draftOfHours } from '@/lib/automation/business-hours';
import { getSession, isAdmin } from '@/lib/session/session';
import { saveBusinessHoursAction } from '../actions';

export const metadata: Metadata = { title: 'Business hours' };

export default async function BusinessHoursPage() {
  if (!isAdmin(await getSession())) redirect('/dashboard/automation/runs');
  const hours = await getBusinessHours();
  return (
    <Card
      title="Business hours"
      description="When your team is at work. Rules triggered “outside business hours” — an away message, for example — use them."
    >
      <BusinessHoursEditor
        initial={draftOfHours(hours)}
        openNow={hours.openNow}
        timeZones={Intl.supportedValuesOf('timeZone')}
        onSave={saveBusinessHoursAction}
      />
    </Card>
  );
}
