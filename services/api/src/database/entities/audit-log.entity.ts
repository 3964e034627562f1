import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a database trigger refuses UPDATE and DELETE on this table. */
@Entity('audit_logs')
@Index(['tenantId', 'createdAt', 'id'])
export class AuditLog {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for platform-level events that belong to no workspace. */
  @Column('uuid', { nullable: true })
  tenantId!: string | null;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  /** Set instead of `actorUserId` when a platform admin acted. */
  @Column('uuid', { nullable: true })
  actorAdminId!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { nullable: true })
  targetType!: string | null;

  @Column('text', { nullable: true })
  targetId!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('jsonb', { default: {} })
  metadata!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
