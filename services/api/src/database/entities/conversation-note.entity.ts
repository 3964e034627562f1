import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A private note on a conversation: for the team only, never sent to WhatsApp. */
@Entity('conversation_notes')
export class ConversationNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  conversationId!: string;

  @Column('uuid', { nullable: true })
  authorUserId!: string | null;

  @Column('text')
  body!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
