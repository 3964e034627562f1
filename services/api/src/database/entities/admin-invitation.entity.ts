import { type PlatformAdminRole } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A single-use link by which a super admin brings in another platform admin. */
@Entity('admin_invitations')
export class AdminInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: PlatformAdminRole;

  /** SHA-256 of the token; the token itself is only ever in the link given to the inviting admin. */
  @Column('text', { unique: true, select: false })
  tokenHash!: string;

  @Column('uuid', { nullable: true })
  invitedByAdminId!: string | null;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
