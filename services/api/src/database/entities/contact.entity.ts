import { type MarketingConsent, type MarketingConsentSource } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  /** E.164 digits without `+`, as Meta's wa_id. Unique per tenant; null for a customer known only by user id. */
  @Column('text', { nullable: true })
  waId!: string | null;

  /**
   * Meta's business-scoped user id (BSUID, `CC.alphanumerics`): set once a webhook carries it. Unique per tenant;
   * a new one comes with a changed phone number.
   */
  @Column('text', { nullable: true })
  userId!: string | null;

  /** The parent BSUID shared across a managed business's portfolios, when Meta sends one. */
  @Column('text', { nullable: true })
  parentUserId!: string | null;

  /** The WhatsApp profile name, refreshed by every inbound message. */
  @Column('text', { nullable: true })
  profileName!: string | null;

  /** The customer's WhatsApp username, when Meta tells it; searchable like the names. */
  @Column('text', { nullable: true })
  username!: string | null;

  /** A name set by the team; shown instead of the profile name. */
  @Column('text', { nullable: true })
  name!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  tags!: string[];

  @Column('jsonb', { default: {} })
  attributes!: Record<string, string>;

  /** `marketingConsent = 'opted_out'`, worked out by PostgreSQL (a generated column): read it, never write it. */
  @Column({
    type: 'boolean',
    generatedType: 'STORED',
    asExpression: `marketing_consent = 'opted_out'`,
    insert: false,
    update: false,
  })
  optedOut!: boolean;

  /** Whether marketing templates may be sent: `granted` by the business, `opted_out` by the customer (or team). */
  @Column('text', { default: 'unknown' })
  marketingConsent!: MarketingConsent;

  @Column('timestamptz', { nullable: true })
  marketingConsentAt!: Date | null;

  /** Who set the consent last: `whatsapp` (user_preferences webhook), `agent`, `import` or `api`. */
  @Column('text', { nullable: true })
  marketingConsentSource!: MarketingConsentSource | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
