import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A workspace's AI replies: on or off, its instructions, and its own OpenAI-compatible provider if it has one. */
@Entity('ai_settings')
export class AiSettings {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @Column('boolean')
  enabled!: boolean;

  @Column('text')
  instructions!: string;

  /** Null with `providerModel`: the platform's provider (AI_BASE_URL). */
  @Column('text', { nullable: true })
  providerBaseUrl!: string | null;

  @Column('text', { nullable: true })
  providerModel!: string | null;

  /** Sealed with ENCRYPTION_KEY, as Meta tokens are; never answered. */
  @Column('text', { nullable: true, select: false })
  providerApiKeyEncrypted?: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
