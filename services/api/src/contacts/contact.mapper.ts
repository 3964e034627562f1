import { contactDisplayName, type ContactDto } from '@aerostic/shared';
import { type Contact } from '../database/entities';

export function toContactDto(contact: Contact): ContactDto {
  return {
    id: contact.id,
    waId: contact.waId,
    userId: contact.userId,
    username: contact.username,
    name: contact.name,
    profileName: contact.profileName,
    displayName: contactDisplayName(contact),
    tags: contact.tags,
    attributes: contact.attributes,
    optedOut: contact.marketingConsent === 'opted_out',
    marketingConsent: contact.marketingConsent,
    marketingConsentAt: contact.marketingConsentAt?.toISOString() ?? null,
    marketingConsentSource: contact.marketingConsentSource,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}
