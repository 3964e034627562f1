import { type TenantStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** Internal slug, unique across the platform. */
  @Column('text', { unique: true })
  domain!: string;

  @Column('text', { default: 'active' })
  status!: TenantStatus;

  /** Where signed event webhooks for this tenant are delivered. */
  @Column('text', { nullable: true })
  webhookUrl!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
