import { type ConversationSourceDto, type ConversationStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Contact } from './contact.entity';

/** One thread per contact and business number; a new message reopens it after it was resolved. */
@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  contactId!: string;

  @ManyToOne(() => Contact)
  contact?: Contact;

  @Column('uuid')
  whatsappAccountId!: string;

  @Column('text', { default: 'open' })
  status!: ConversationStatus;

  @Column('uuid', { nullable: true })
  assigneeId!: string | null;

  /** The team it was routed to or put in; an inbox filter. */
  @Column('uuid', { nullable: true })
  teamId!: string | null;

  /** Orders the inbox; set from the first message on. */
  @Column({ type: 'timestamptz', precision: 3 })
  lastMessageAt!: Date;

  @Column('text', { nullable: true })
  lastMessagePreview!: string | null;

  /** Opens the 24-hour customer service window. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastInboundAt!: Date | null;

  @Column('integer', { default: 0 })
  unreadCount!: number;

  /** The entry point or ad the first attributed inbound message came from (docs/adr/0153). */
  @Column('jsonb', { nullable: true })
  source!: ConversationSourceDto | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Bumped by the database at every update (migration RowVersions): the newer copy has the larger version. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;
}
