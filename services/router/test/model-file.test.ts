import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelledIntentsFile } from '@parley/demo-store';
import { loadModel, MODEL_FORMAT_VERSION } from '@parley/intent-model';
import { encodeModel } from '@parley/intent-model/format';
import { NORMALISER_VERSION } from '@parley/wording';
import { writeModelFile } from '../src/intent/local-model.js';

describe('writeModelFile --if-stale', () => {
  it('keeps a current file and retrains one that reads raw text (format 2) or through another normaliser', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'router-model-file-'));
    try {
      const file = join(dir, 'router.pimf');
      const train = labelledIntentsFile('train');
      const opts = { wordVectors: false, ifStale: true };
      expect((await writeModelFile(train, file, opts)).outcome).toBe('trained');
      expect((await writeModelFile(train, file, opts)).outcome).toBe('current');
      const model = await loadModel(file);
      expect(model.parts.normaliser).toBe(NORMALISER_VERSION);
      expect((await readFile(file)).readUInt32LE(4)).toBe(MODEL_FORMAT_VERSION);

      const later = new Date(Date.now() + 60_000);
      const older = encodeModel({ ...model.parts, normaliser: null });
      older.writeUInt32LE(2, 4);
      await writeFile(file, older);
      await utimes(file, later, later);
      expect((await writeModelFile(train, file, opts)).outcome).toBe('trained');
      expect((await loadModel(file)).parts.normaliser).toBe(NORMALISER_VERSION);

      await writeFile(file, encodeModel({ ...model.parts, normaliser: 'wording-0' }));
      await utimes(file, later, later);
      expect((await writeModelFile(train, file, opts)).outcome).toBe('trained');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Three trainings: more than the usual budget on a loaded 2-core machine.
  }, 360_000);
});
