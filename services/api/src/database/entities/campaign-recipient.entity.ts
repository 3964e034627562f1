import { type CampaignRecipientRowState } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One contact of a campaign's audience. The row exists before anything is sent, and its `message_id` is set in the
 * same transaction that creates the message, so a recipient is sent at most once whatever crashes (docs/adr/0116).
 * Once queued, its delivery state is its message's status.
 */
@Entity('campaign_recipients')
export class CampaignRecipient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  campaignId!: string;

  /** Null once the contact was deleted; the row stays for the report. */
  @Column('uuid', { nullable: true })
  contactId!: string | null;

  /** Sending order, from 0. */
  @Column('integer')
  position!: number;

  /** The contact's number and user id when the audience was chosen. */
  @Column('text', { nullable: true })
  waId!: string | null;

  @Column('text', { nullable: true })
  userId!: string | null;

  @Column('text')
  state!: CampaignRecipientRowState;

  /** Why the recipient was skipped or cancelled. */
  @Column('text', { nullable: true })
  reason!: string | null;

  /** The template's body parameters for this recipient, resolved from the campaign's variables. */
  @Column('jsonb', { default: [] })
  parameters!: string[];

  @Column('uuid', { nullable: true, unique: true })
  messageId!: string | null;

  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  /** The first inbound message of the contact after the campaign's message. */
  @Column('timestamptz', { nullable: true })
  repliedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
