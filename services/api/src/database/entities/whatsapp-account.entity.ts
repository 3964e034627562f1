import { type TokenStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type WhatsAppAccountStatus = 'connected' | 'disconnected';

/** A WhatsApp business number connected through Embedded Signup. A number belongs to one tenant at a time. */
@Entity('whatsapp_accounts')
export class WhatsAppAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('text')
  wabaId!: string;

  @Column('text')
  phoneNumberId!: string;

  /** Digits only, as in webhook metadata. */
  @Column('text')
  displayPhoneNumber!: string;

  @Column('text', { nullable: true })
  verifiedName!: string | null;

  @Column('text', { nullable: true })
  qualityRating!: string | null;

  /** STANDARD (80 messages/s) or HIGH (1,000 messages/s). */
  @Column('text', { default: 'STANDARD' })
  throughputLevel!: string;

  @Column('text', { nullable: true })
  messagingLimitTier!: string | null;

  /** Meta's status of the number or its WABA (CONNECTED, FLAGGED, RESTRICTED, BANNED, …); null until Meta tells. */
  @Column('text', { nullable: true })
  metaStatus!: string | null;

  /** Meta's reason for `metaStatus`, in words. */
  @Column('text', { nullable: true })
  metaStatusReason!: string | null;

  /** When Meta changed `metaStatus`: an older webhook never overrides a newer one. */
  @Column('timestamptz', { nullable: true })
  metaStatusChangedAt!: Date | null;

  @Column('text', { default: 'connected' })
  status!: WhatsAppAccountStatus;

  @Column('text', { default: 'valid' })
  tokenStatus!: TokenStatus;

  /** When Meta will stop accepting the token; null when it never expires or was not checked yet. */
  @Column('timestamptz', { nullable: true })
  tokenExpiresAt!: Date | null;

  /** The last health check (token and number fields asked of Meta). */
  @Column('timestamptz', { nullable: true })
  healthCheckedAt!: Date | null;

  /** Why the last check failed or flagged the number; null when all is well. */
  @Column('text', { nullable: true })
  healthError!: string | null;

  /** AES-256-GCM with ENCRYPTION_KEY, bound to the account id (docs/adr/0170); never returned or logged. */
  @Column('text', { select: false })
  accessTokenEncrypted!: string;

  /** The two-step verification PIN set at registration, encrypted like the token. */
  @Column('text', { select: false, nullable: true })
  pinEncrypted!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
