import { type UserRole, type UserStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from './tenant.entity';

@Entity('users')
@Index(['tenantId', 'createdAt', 'id'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  tenant?: Tenant;

  /** Stored lower-case; unique across the platform. */
  @Column('text', { unique: true })
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  role!: UserRole;

  @Column('text', { default: 'active' })
  status!: UserStatus;

  /** Bumped to invalidate every token issued before (deactivation, password change). */
  @Column('integer', { default: 0 })
  tokenVersion!: number;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  /** When they opened the link emailed at sign-up (or accepted an emailed invitation); null: not yet. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt!: Date | null;

  /** Most open conversations routing gives them; null: no limit. */
  @Column('integer', { nullable: true })
  capacity!: number | null;

  /** What they chose: away keeps routing from them while a dashboard is connected (docs/adr/0122). */
  @Column('text', { default: 'online' })
  presenceStatus!: 'online' | 'away';

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
