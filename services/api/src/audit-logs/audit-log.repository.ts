import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { AuditLog } from '../database/entities';

@Injectable()
export class AuditLogRepository {
  constructor(@InjectRepository(AuditLog) private readonly repo: Repository<AuditLog>) {}

  async insert(entry: Omit<AuditLog, 'id' | 'createdAt'>, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.repo.manager;
    await m.save(m.create(AuditLog, entry));
  }

  /** Newest first. */
  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<AuditLog[]> {
    const qb = this.repo
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId', { tenantId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(take);
    if (after) qb.andWhere('(a.created_at, a.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
