import { type UserRole } from '@aerostic/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('invitations')
@Index(['tenantId', 'createdAt', 'id'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: UserRole;

  /** SHA-256 of the token; the token itself is only ever in the link given to the admin. */
  @Column('text', { unique: true, select: false })
  tokenHash!: string;

  @Column('uuid', { nullable: true })
  invitedByUserId!: string | null;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
