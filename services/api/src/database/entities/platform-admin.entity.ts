import { type PlatformAdminRole, type UserStatus } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One of the company's own admins; never a tenant user (separate table, login and token audience). */
@Entity('platform_admins')
export class PlatformAdmin {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique among admins. */
  @Column('text', { unique: true })
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  role!: PlatformAdminRole;

  @Column('text', { default: 'active' })
  status!: UserStatus;

  /** Bumped to invalidate every token issued before (deactivation, role change, password change). */
  @Column('integer', { default: 0 })
  tokenVersion!: number;

  /** The authenticator secret, sealed with the application's secret box; set at enrolment. */
  @Column('text', { nullable: true, select: false })
  totpSecret!: string | null;

  /** Set once the admin has confirmed a code: from then on every login needs one. */
  @Column('timestamptz', { nullable: true })
  totpEnabledAt!: Date | null;

  /** The time step of the last code accepted: a code is never accepted twice. */
  @Column('integer', { nullable: true, select: false })
  totpLastUsedStep!: number | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
