import { type AutomatedBy, type MessageDirection, type MessageStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface MessageError {
  code: number;
  title: string | null;
  details: string | null;
}

@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  conversationId!: string;

  @Column('text')
  direction!: MessageDirection;

  /** Meta's type (`text`, `image`, `interactive`...), or `note` for a private note. */
  @Column('text')
  type!: string;

  /** The type's object as Meta sent it, plus what we add (stored media). */
  @Column('jsonb')
  content!: Record<string, unknown>;

  @Column('text')
  status!: MessageStatus;

  /** Unique: Meta's redeliveries and duplicates of a message are stored once. */
  @Column('text', { nullable: true, unique: true })
  wamid!: string | null;

  @Column('jsonb', { nullable: true })
  error!: MessageError | null;

  /** The quoted message (`context.id`). */
  @Column('text', { nullable: true })
  replyToWamid!: string | null;

  /** Emoji by who reacted (`customer` or a user id). */
  @Column('jsonb', { default: {} })
  reactions!: Record<string, string>;

  @Column('uuid', { nullable: true })
  senderUserId!: string | null;

  /** The Idempotency-Key of the request that created it (outbound only). */
  @Column('text', { nullable: true, select: false })
  idempotencyKey?: string | null;

  /** Meta's timestamp: when the customer sent it (inbound) or when Meta reported it sent (outbound). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failedAt!: Date | null;

  /** Meta's `statuses[].pricing` once a status carried it: what the message costs the business (issue 19 bills it). */
  @Column('boolean', { nullable: true })
  pricingBillable!: boolean | null;

  /** `PMP` (per message) or `CBP` (per conversation, before July 2025). */
  @Column('text', { nullable: true })
  pricingModel!: string | null;

  /** `marketing`, `utility`, `authentication`, `service`, … */
  @Column('text', { nullable: true })
  pricingCategory!: string | null;

  /** `regular`, `free_customer_service`, `free_entry_point`, … */
  @Column('text', { nullable: true })
  pricingType!: string | null;

  /** The campaign that sent this message, or whose message this inbound message answers. */
  @Column('uuid', { nullable: true })
  campaignId!: string | null;

  /** An outbound message the team did not type: written by an automation rule or the AI. */
  @Column('text', { nullable: true })
  automatedBy!: AutomatedBy | null;

  @Column('uuid', { nullable: true })
  automationRuleId!: string | null;

  /** What the AI reply cost in tokens (billing counts them). */
  @Column('integer', { nullable: true })
  aiPromptTokens!: number | null;

  @Column('integer', { nullable: true })
  aiCompletionTokens!: number | null;

  /** A template's category when it was sent (MARKETING, UTILITY, AUTHENTICATION): usage counts it as sent. */
  @Column('text', { nullable: true })
  templateCategory!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Bumped by the database at every update (migration RowVersions): the newer copy has the larger version. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;
}
