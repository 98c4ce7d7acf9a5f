// Where documents' bytes live: files under ${DATA_DIR}/documents/, named by a random storage key only
// (never by anything a user typed), outside every directory the HTTP server serves. A file is written
// to a temporary name, flushed, then renamed: a reader never sees half a file, and a failed write
// leaves no file under a real key.
import { randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** 24 random bytes, hex: the only name a stored file ever has. */
export const newStorageKey = () => randomBytes(24).toString('hex');
const KEY = /^[0-9a-f]{48}$/;
const TEMP_PREFIX = '.tmp-';

export class DocumentStorage {
  readonly dir: string;
  private ready: Promise<void> | undefined;

  constructor(dataDir: string) {
    this.dir = path.resolve(dataDir, 'documents');
  }

  /** The file of a key; a key that is not one of ours names nothing (no path ever built from input). */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`clé de stockage invalide : ${JSON.stringify(key).slice(0, 80)}`);
    return path.join(this.dir, key);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  /** Writes the bytes atomically under `key` (temp file, fsync, rename, fsync of the directory). */
  async write(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await this.ensureDir();
    const temp = path.join(this.dir, `${TEMP_PREFIX}${key}-${randomBytes(4).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    // The rename itself survives a crash once the directory is flushed (best effort: not every
    // file system lets a directory be opened for that).
    const dir = await open(this.dir, 'r').catch(() => null);
    if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
  }

  /**
   * A stream of the file, or null when it is missing. The file is opened here, not when the stream
   * first reads: once open, a removal (the document deleted meanwhile) does not cut it short.
   */
  async read(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    const file = this.pathOf(key);
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!handle) return null;
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      // The stream closes the handle when it ends, fails or is destroyed.
      return { stream: handle.createReadStream({ start: 0, end: Math.max(info.size - 1, 0), autoClose: true }), size: info.size };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /**
   * Removes what a crash can leave behind, older than `graceMs`: temporary files, and files whose row
   * does not exist (written, then the row's transaction failed and the clean-up did not run).
   */
  async sweep(known: (keys: string[]) => Promise<Set<string>>, graceMs = 3_600_000): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const old = async (name: string) => {
      const info = await stat(path.join(this.dir, name)).catch(() => null);
      return info !== null && Date.now() - info.mtimeMs > graceMs;
    };
    let removed = 0;
    for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
      if (await old(name)) {
        await rm(path.join(this.dir, name), { force: true });
        removed += 1;
      }
    }
    const keys = names.filter((n) => KEY.test(n));
    for (let i = 0; i < keys.length; i += 500) {
      const batch = keys.slice(i, i + 500);
      const present = await known(batch);
      for (const key of batch) {
        if (!present.has(key) && (await old(key))) {
          await rm(path.join(this.dir, key), { force: true });
          removed += 1;
        }
      }
    }
    return removed;
  }
}
