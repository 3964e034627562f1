/** What a chat entry point is: a link to share, a QR code to print, or a button on a website. */
export const ENTRY_POINT_KINDS = ['link', 'qr', 'widget'] as const;
export type EntryPointKind = (typeof ENTRY_POINT_KINDS)[number];

export const WIDGET_POSITIONS = ['left', 'right'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** A ref is six lowercase letters or digits; the prefilled text carries it as ` (ref: ab12cd)`. */
export const ENTRY_POINT_REF_PATTERN = /^[a-z0-9]{6}$/;

export interface WidgetSettingsDto {
  greeting: string;
  position: WidgetPosition;
  /** `#rrggbb`. */
  color: string;
}

export const DEFAULT_WIDGET_SETTINGS: WidgetSettingsDto = {
  greeting: 'Hi! How can we help you?',
  position: 'right',
  color: '#25d366',
};

export interface ChatEntryPointDto {
  id: string;
  whatsappAccountId: string;
  name: string;
  kind: EntryPointKind;
  prefilledText: string;
  ref: string;
  /** `https://wa.me/<digits>?text=<prefilled text with its ref>`. */
  url: string;
  /** Set for widgets only. */
  widget: WidgetSettingsDto | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /click-to-chat/widgets/:ref`: only what the widget script needs, readable from any site. */
export interface WidgetConfigDto {
  url: string;
  greeting: string;
  position: WidgetPosition;
  color: string;
}

/** Where a conversation came from: the first entry point ref or ad referral of its inbound messages. */
export type ConversationSourceDto =
  | { type: 'entry_point'; entryPointId: string; kind: EntryPointKind; name: string; ref: string }
  | {
      type: 'ad';
      headline: string | null;
      body: string | null;
      sourceUrl: string | null;
      sourceId: string | null;
      sourceType: string | null;
      ctwaClid: string | null;
    };
