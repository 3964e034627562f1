/** What a contact is called when nobody named it and WhatsApp gives no name, number or username. */
export const UNNAMED_CONTACT = 'WhatsApp user';

/**
 * The name the dashboard shows for a contact: the team's name, the WhatsApp profile name, the username, the phone
 * number (`+` and its digits), in that order; a customer known only by user id is "WhatsApp user" (docs/adr/0113).
 */
export function contactDisplayName(contact: {
  name: string | null;
  profileName: string | null;
  username: string | null;
  waId: string | null;
}): string {
  return (
    contact.name ?? contact.profileName ?? contact.username ?? (contact.waId ? `+${contact.waId}` : UNNAMED_CONTACT)
  );
}
