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

  /** `free` for every workspace until billing brings plans (docs/adr/0108). */
  @Column('text', { default: 'free' })
  plan!: string;

  /** When and why a platform admin suspended the workspace; null while it is active. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  suspendedAt!: Date | null;

  @Column('text', { nullable: true })
  suspendedReason!: string | null;

  /** IANA time zone: campaign schedules and reports are in it. */
  @Column('text', { default: 'UTC' })
  timeZone!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
