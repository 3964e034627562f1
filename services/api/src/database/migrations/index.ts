import { InitialSchema1763769600000 } from './1763769600000-initial-schema';
import { WhatsAppInbox1763856000000 } from './1763856000000-whatsapp-inbox';
import { Outbound1763942400000 } from './1763942400000-outbound';
import { OverviewIndexes1764115200000 } from './1764115200000-overview-indexes';
import { ReactionTargets1764979200000 } from './1764979200000-reaction-targets';
import { RowVersions1765065600000 } from './1765065600000-row-versions';
import { SessionChangeNotifications1765238400000 } from './1765238400000-session-change-notifications';
import { InboxReadIndexes1765324800000 } from './1765324800000-inbox-read-indexes';
import { SessionRoleChanges1765411200000 } from './1765411200000-session-role-changes';
import { RevokedTokens1765497600000 } from './1765497600000-revoked-tokens';
import { PlatformAdmins1765584000000 } from './1765584000000-platform-admins';
import { NumberHealth1765670400000 } from './1765670400000-number-health';
import { AdminInvitations1765756800000 } from './1765756800000-admin-invitations';
import { TenantLifecycle1765843200000 } from './1765843200000-tenant-lifecycle';
import { Limits1765929600000 } from './1765929600000-limits';
import { IdentityConsentCampaigns1766016000000 } from './1766016000000-identity-consent-campaigns';
import { ConsentAndNumberStatus1766188800000 } from './1766188800000-consent-and-number-status';
import { CampaignSending1766361600000 } from './1766361600000-campaign-sending';
import { AutomatedMessages1766448000000 } from './1766448000000-automated-messages';
import { AutomationRules1766534400000 } from './1766534400000-automation-rules';
import { AiReplies1766707200000 } from './1766707200000-ai-replies';
import { PlanLimits1767059200000 } from './1767059200000-plan-limits';
import { MessageStats1766800000000 } from './1766800000000-message-stats';
import { Invoices1767145600000 } from './1767145600000-invoices';
import { UsageCounting1766886400000 } from './1766886400000-usage-counting';
import { PlansAndSubscriptions1766793600000 } from './1766793600000-plans-and-subscriptions';
import { Routing1766620800000 } from './1766620800000-routing';
import { ConversationFacts1766972800000 } from './1766972800000-conversation-facts';
import { EventWebhooks1767232000000 } from './1767232000000-event-webhooks';
import { ApiKeys1767318400000 } from './1767318400000-api-keys';
import { MicrosoftSignIn1767404800000 } from './1767404800000-microsoft-sign-in';
import { ClickToChat1767491200000 } from './1767491200000-click-to-chat';
import { WebhookUrlRetired1767577600000 } from './1767577600000-webhook-url-retired';
import { TransactionalEmail1767664000000 } from './1767664000000-transactional-email';
import { TenantForeignKeys1767750400000 } from './1767750400000-tenant-foreign-keys';
import { RowLevelSecurity1767836800000 } from './1767836800000-row-level-security';
import { SendCheckIndexes1767923200000 } from './1767923200000-send-check-indexes';

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [
  InitialSchema1763769600000,
  WhatsAppInbox1763856000000,
  Outbound1763942400000,
  OverviewIndexes1764115200000,
  ReactionTargets1764979200000,
  RowVersions1765065600000,
  SessionChangeNotifications1765238400000,
  InboxReadIndexes1765324800000,
  SessionRoleChanges1765411200000,
  RevokedTokens1765497600000,
  PlatformAdmins1765584000000,
  NumberHealth1765670400000,
  AdminInvitations1765756800000,
  TenantLifecycle1765843200000,
  Limits1765929600000,
  IdentityConsentCampaigns1766016000000,
  ConsentAndNumberStatus1766188800000,
  CampaignSending1766361600000,
  AutomatedMessages1766448000000,
  AutomationRules1766534400000,
  AiReplies1766707200000,
  Routing1766620800000,
  PlansAndSubscriptions1766793600000,
  MessageStats1766800000000,
  PlanLimits1767059200000,
  Invoices1767145600000,
  UsageCounting1766886400000,
  ConversationFacts1766972800000,
  EventWebhooks1767232000000,
  ApiKeys1767318400000,
  MicrosoftSignIn1767404800000,
  ClickToChat1767491200000,
  WebhookUrlRetired1767577600000,
  TransactionalEmail1767664000000,
  TenantForeignKeys1767750400000,
  RowLevelSecurity1767836800000,
  SendCheckIndexes1767923200000,
];
