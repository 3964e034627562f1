import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  /** E.164 digits without `+`, as Meta's wa_id. Unique per tenant. */
  @Column('text')
  waId!: string;

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

  @Column('boolean', { default: false })
  optedOut!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
