import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Template } from '../database/entities';

/** Reads the templates Meta told us about (synced, or by status webhook). */
@Injectable()
export class TemplateLookupRepository {
  constructor(@InjectRepository(Template) private readonly repo: Repository<Template>) {}

  findByNameAndLanguage(tenantId: string, wabaId: string, name: string, language: string): Promise<Template | null> {
    return this.repo.findOneBy({ tenantId, wabaId, name, language });
  }
}
