import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A message template of a WABA, as Meta knows it; status changes arrive by webhook. */
@Entity('templates')
export class Template {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('text')
  wabaId!: string;

  @Column('text')
  metaTemplateId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  language!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  rejectedReason!: string | null;

  /** Meta's quality score (GREEN, YELLOW, RED, UNKNOWN) from `message_template_quality_update`; null until rated. */
  @Column('text', { nullable: true })
  qualityScore!: string | null;

  @Column('jsonb', { default: [] })
  components!: unknown[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
