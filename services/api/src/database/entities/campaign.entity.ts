import {
  type CampaignAudience,
  type CampaignEstimate,
  type CampaignStatus,
  type CampaignVariables,
} from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A broadcast: one approved template sent from one number to an audience, at once or at a scheduled time. */
@Entity('campaigns')
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  whatsappAccountId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  status!: CampaignStatus;

  @Column('text')
  templateName!: string;

  @Column('text')
  templateLanguage!: string;

  /** The template's category when the campaign was created: what Meta charges and which consent it needs. */
  @Column('text')
  templateCategory!: string;

  /** Each template parameter's source: a contact field or a fixed text. */
  @Column('jsonb', { default: {} })
  variables!: CampaignVariables;

  /** Who was chosen, as the request gave it (tags, attributes, contact ids, or an uploaded file's name). */
  @Column('jsonb', { default: {} })
  audience!: CampaignAudience;

  /** When sending starts; the creation time for a campaign started at once. */
  @Column('timestamptz')
  scheduledAt!: Date;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  pausedAt!: Date | null;

  /** Why the platform paused it (the Meta budget); null when a person did. */
  @Column('text', { nullable: true })
  pausedReason!: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  /** The cost estimate made before sending. */
  @Column('jsonb', { default: {} })
  estimate!: CampaignEstimate;

  @Column('uuid', { nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
