import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type MessageError } from './message.entity';

/**
 * Every delivery status Meta reported, once per (wamid, status). Kept even when the message is not known yet
 * (the send result may arrive after the status) and applied when the wamid is linked.
 */
@Entity('message_status_events')
export class MessageStatusEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  wamid!: string;

  @Column('text')
  status!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Column('jsonb', { nullable: true })
  error!: MessageError | null;

  @Column('text')
  phoneNumberId!: string;

  /** Meta's `pricing` of the status, applied to the message with the status. */
  @Column('jsonb', { nullable: true })
  pricing!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
