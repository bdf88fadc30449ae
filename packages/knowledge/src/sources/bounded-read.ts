import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { errnoCode, IngestPathError } from '../errors.js';
import type { IngestBudget } from '../limits.js';
import { IngestLimitError } from '../limits.js';
import type { TreeFile } from './tree.js';

const CHUNK = 64 * 1024;

/**
 * Reads one listed file as UTF-8, a chunk at a time, counting every byte against the per-file and total
 * limits and checking the time between chunks, so a file that grows, or never ends (a `/proc` or device
 * file), stops at the cap rather than filling memory. The file is opened without following a final link and
 * must still be the regular file the walk listed (same device and inode): one swapped for a link after it
 * was checked is refused, not read.
 */
export async function readBounded(file: TreeFile, at: string, budget: IngestBudget): Promise<string> {
  budget.checkFileBytes(file.size, at);
  let handle: FileHandle;
  try {
    handle = await open(file.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    if (errnoCode(err) === 'ELOOP') throw new IngestPathError(at, 'changed while it was being read');
    throw new IngestPathError(at, 'cannot be read', errnoCode(err));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.dev !== file.dev || info.ino !== file.ino)
      throw new IngestPathError(at, 'changed while it was being read');
    budget.checkFileBytes(info.size, at);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      budget.checkTime(at);
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      budget.checkFileBytes(total, at);
      budget.addBytes(bytesRead, at);
      parts.push(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
    }
    return Buffer.concat(parts, total).toString('utf8');
  } catch (err) {
    if (err instanceof IngestLimitError || err instanceof IngestPathError) throw err;
    throw new IngestPathError(at, 'cannot be read', errnoCode(err));
  } finally {
    await handle.close();
  }
}
