import { mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEDIA_UPLOAD_LIFETIME_MS } from '@aerostic/shared';
import { type AppConfig } from '../common/config/app-config';
import { DiskMediaStorage } from './media-storage';
import { UploadSweeper } from './upload-sweeper';

const DAY_MS = 24 * 60 * 60 * 1000;

describe(UploadSweeper.name, () => {
  let root: string;
  let storage: DiskMediaStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'aerostic-media-'));
    storage = new DiskMediaStorage({ MEDIA_STORAGE_DIR: root } as AppConfig);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  /** An upload of this tenant kept `daysAgo` days ago. */
  async function uploaded(tenantId: string, mediaId: string, daysAgo: number): Promise<void> {
    const received = join(root, `received-${tenantId}-${mediaId}`);
    await writeFile(received, `file ${mediaId}`);
    await storage.putUpload(tenantId, mediaId, received, { mimeType: 'image/png', size: 9 });
    const then = new Date(Date.now() - daysAgo * DAY_MS);
    const folder = join(root, tenantId, 'uploads');
    for (const name of [mediaId, `${mediaId}.json`]) await utimes(join(folder, name), then, then);
  }

  const uploadsOf = async (tenantId: string) => (await readdir(join(root, tenantId, 'uploads'))).sort();

  it('should remove the uploads past Meta’s lifetime, sent or not, and keep the messages’ files', async () => {
    await uploaded('tenant-a', '1001', 31);
    await uploaded('tenant-a', '1002', 31);
    await uploaded('tenant-a', '1003', 29);
    await uploaded('tenant-b', '2001', 45);
    // A message sent 1001 when it was fresh: it holds its own link to the file.
    expect(await storage.attachUpload('tenant-a', '1001', 'message-1')).toEqual({ mimeType: 'image/png', size: 9 });
    // A write that crashed long ago left half a file behind.
    const partial = join(root, 'tenant-b', 'uploads', '2002.partial');
    await writeFile(partial, 'half');
    await utimes(partial, new Date(Date.now() - 40 * DAY_MS), new Date(Date.now() - 40 * DAY_MS));

    expect(await new UploadSweeper(storage).sweep()).toBe(3);

    expect(await uploadsOf('tenant-a')).toEqual(['1003', '1003.json']);
    expect(await uploadsOf('tenant-b')).toEqual([]);
    expect(await storage.attachUpload('tenant-a', '1002', 'message-2')).toBeNull();
    const kept = await storage.open('tenant-a', 'message-1');
    expect(kept?.size).toBe(9);
    kept?.stream.destroy();
  });

  it('should keep an upload until its lifetime is over', async () => {
    await uploaded('tenant-a', '1001', 0);
    const sweeper = new UploadSweeper(storage);

    expect(await sweeper.sweep(Date.now() + MEDIA_UPLOAD_LIFETIME_MS - 60_000)).toBe(0);
    expect(await sweeper.sweep(Date.now() + MEDIA_UPLOAD_LIFETIME_MS + 60_000)).toBe(1);
  });

  it('should sweep once as the API starts, and find nothing to do before any upload', async () => {
    const sweeper = new UploadSweeper(storage);
    expect(await sweeper.sweep()).toBe(0);

    await uploaded('tenant-a', '1001', 31);
    sweeper.onApplicationBootstrap();
    await sweeper.onApplicationShutdown();

    expect(await uploadsOf('tenant-a')).toEqual([]);
  });

  it('should report a failed pass and sweep again at the next one', async () => {
    await uploaded('tenant-a', '1001', 31);
    // A folder that cannot be listed (a symbolic link to itself) makes the pass fail, without throwing.
    const loop = join(root, 'tenant-loop');
    await symlink(loop, loop);
    const sweeper = new UploadSweeper(storage);
    expect(await sweeper.sweep()).toBe(0);

    await rm(loop);
    await uploaded('tenant-b', '2001', 31);
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    expect(await uploadsOf('tenant-a')).toEqual([]);
    expect(await uploadsOf('tenant-b')).toEqual([]);
  });
});
