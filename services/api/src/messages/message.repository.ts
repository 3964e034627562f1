import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Message, type MessageError } from '../database/entities';
import { toMessage } from '../database/raw-rows';

@Injectable()
export class MessageRepository {
  constructor(
    @InjectRepository(Message) private readonly repo: Repository<Message>,
    private readonly dataSource: DataSource,
  ) {}

  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Message | null> {
    return this.repo.findOneBy({ tenantId, idempotencyKey });
  }

  /** Stores a queued outbound message and moves the conversation's preview, in one transaction. */
  createOutbound(values: {
    tenantId: string;
    conversationId: string;
    type: string;
    content: Record<string, unknown>;
    senderUserId: string;
    idempotencyKey: string | null;
    replyToWamid: string | null;
    preview: string;
  }): Promise<Message> {
    return this.dataSource.transaction(async (m) => {
      const { preview, ...columns } = values;
      const saved = await m.save(
        m.create(Message, {
          ...columns,
          direction: 'outbound',
          status: 'queued',
          wamid: null,
          error: null,
          reactions: {},
          sentAt: null,
        }),
      );
      await m.query(
        `UPDATE conversations SET last_message_at = GREATEST(last_message_at, now()), last_message_preview = $2, updated_at = now()
         WHERE id = $1`,
        [values.conversationId, preview],
      );
      return saved;
    });
  }

  async markFailed(tenantId: string, id: string, error: MessageError): Promise<Message | null> {
    await this.repo
      .createQueryBuilder()
      .update(Message)
      .set({ status: 'failed', error, failedAt: () => 'now()' })
      .where(`tenant_id = :tenantId AND id = :id AND status IN ('queued', 'sent')`, { tenantId, id })
      .execute();
    return this.findById(tenantId, id);
  }

  findById(tenantId: string, id: string): Promise<Message | null> {
    return this.repo.findOneBy({ tenantId, id });
  }

  findByWamids(tenantId: string, wamids: string[]): Promise<Message[]> {
    return wamids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ tenantId, wamid: In(wamids) });
  }

  /** Records the outcome of a media download inside the message's content; answers the message as it is now. */
  async setStoredMedia(tenantId: string, id: string, storedMedia: object): Promise<Message | null> {
    const { raw } = (await this.repo
      .createQueryBuilder()
      .update(Message)
      .set({ content: () => `content || jsonb_build_object('stored_media', :storedMedia::jsonb)` })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id, storedMedia: JSON.stringify(storedMedia) })
      .returning('*')
      .execute()) as { raw: Record<string, unknown>[] };
    return raw[0] ? toMessage(raw[0]) : null;
  }

  /** Newest first. */
  listPage(tenantId: string, conversationId: string, after: KeysetPosition | null, take: number): Promise<Message[]> {
    const qb = this.repo
      .createQueryBuilder('m')
      .where('m.tenant_id = :tenantId AND m.conversation_id = :conversationId', { tenantId, conversationId })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(take);
    if (after) qb.andWhere('(m.created_at, m.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
