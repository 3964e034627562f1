import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';

/** Files on local disk under MEDIA_STORAGE_DIR, one per message, grouped by tenant. */
@Injectable()
export class MediaStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.MEDIA_STORAGE_DIR);
  }

  private path(tenantId: string, messageId: string): string {
    return join(this.root, tenantId, messageId);
  }

  /** Written to a temporary name first, so a crash never leaves half a file under the real name. */
  async put(tenantId: string, messageId: string, bytes: Buffer): Promise<void> {
    const target = this.path(tenantId, messageId);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.partial`, bytes);
    await rename(`${target}.partial`, target);
  }

  async open(tenantId: string, messageId: string): Promise<{ stream: ReadStream; size: number } | null> {
    const path = this.path(tenantId, messageId);
    const info = await stat(path).catch(() => null);
    return info ? { stream: createReadStream(path), size: info.size } : null;
  }
}
