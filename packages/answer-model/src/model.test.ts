import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readModelFile, writeModelFile } from './format.js';
import { loadAnswerModel } from './model.js';
import { SIGNAL_NAMES, SIGNALS } from './signals.js';
import { handModel, handModelFile } from './testing.js';

const dir = mkdtempSync(path.join(tmpdir(), 'answer-model-'));
const file = (name: string, content: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};

/** An average-looking help-centre answer. */
const base = (): Record<string, number> =>
  Object.fromEntries(SIGNAL_NAMES.map((n) => [n, n === 'confidence' ? 0.9 : n === 'sentiment' ? 0 : 0.5]));

describe('the committed model', () => {
  const model = loadAnswerModel();

  it('loads, with a threshold strictly between 0 and 1', () => {
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.id).toMatch(/^answer-v1\.s4\.[0-9a-f]{8}$/);
  });

  it('never lowers the probability when a signal that should raise it rises', () => {
    for (const spec of SIGNALS.filter((s) => s.direction === 'up')) {
      let last = -1;
      for (const x of [0, 0.1, 0.25, 0.5, 0.75, 1]) {
        const p = model.predict({ ...base(), [spec.name]: x }).probability;
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
      }
    }
  });

  it('reports probabilities inside (0, 1), so a threshold of 1 sends nothing', () => {
    const best = Object.fromEntries(SIGNAL_NAMES.map((n) => [n, n === 'sentiment' ? 1 : 1]));
    const p = model.predict(best).probability;
    expect(p).toBeLessThan(1);
    expect(model.predict({ ...base(), helpCoverage: 0 }).probability).toBeGreaterThan(0);
  });
});

describe('AnswerModel.predict', () => {
  const model = handModel({ helpCoverage: 4, helpLeadMargin: 2 }, -3, 0.8);

  it("is the calibrated logistic of the weighted signals, with each signal's effect", () => {
    const out = model.predict({ ...base(), helpCoverage: 1, helpLeadMargin: 0.5 });
    expect(out.probability).toBeCloseTo(1 / (1 + Math.exp(-(4 + 1 - 3))), 6);
    expect(out.contributions[0]).toMatchObject({ signal: 'helpTopScore', effect: 0 });
    expect(out.contributions.find((c) => c.signal === 'helpCoverage')).toMatchObject({ value: 1, effect: 4 });
  });

  it('puts the signals that lowered the probability first', () => {
    const negative = handModel({ helpCoverage: 4, sentiment: 2 }, 0, 0.5);
    const out = negative.predict({ ...base(), helpCoverage: 0.5, sentiment: -0.5 });
    expect(out.contributions[0]).toMatchObject({ signal: 'sentiment', effect: -1 });
  });

  it('refuses signals it does not have', () => {
    const { helpCoverage: _dropped, ...missing } = base();
    expect(() => model.predict(missing)).toThrow('answer signal helpCoverage is missing');
    expect(() => model.predict({ ...base(), helpCoverage: Number.NaN })).toThrow('not a number');
  });
});

describe('model files', () => {
  const good = handModelFile({ helpCoverage: 3 }, -1, 0.9);

  it('round-trips through a file', async () => {
    const f = path.join(dir, 'round-trip.json');
    await writeModelFile(good, f);
    expect(readModelFile(f)).toEqual(good);
    expect(loadAnswerModel(f).threshold).toBe(0.9);
  });

  it.each([
    [
      'another format version',
      { ...good, formatVersion: 2 },
      'format version 2 is not supported by this code (expected 1); retrain the model',
    ],
    [
      'another signals version',
      { ...good, signalsVersion: 7 },
      'reads signals version 7, this code computes version 4; retrain the model',
    ],
    ['other signals', { ...good, signals: [...good.signals.slice(1), 'mood'] }, "are not this code's"],
    ['too few weights', { ...good, weights: good.weights.slice(1) }, 'arrays do not match its 14 signals'],
    ['a threshold above 1', { ...good, threshold: 1.5 }, 'answer model threshold'],
    ['a reversed calibration', { ...good, platt: { a: -1, b: 0 } }, 'answer model platt.a'],
    ['not a model at all', { intents: [] }, 'not an answer model file'],
  ])('refuses a file with %s, naming the file', (_what, content, message) => {
    const f = file(`bad-${_what.replace(/\W+/g, '-')}.json`, content);
    expect(() => loadAnswerModel(f)).toThrow(`${f}: `);
    expect(() => loadAnswerModel(f)).toThrow(message);
  });

  it('refuses a missing or unparsable file, naming it', () => {
    expect(() => loadAnswerModel(path.join(dir, 'absent.json'))).toThrow(
      /absent\.json: cannot read answer model \(ENOENT\)/,
    );
    const broken = file('broken.json', '{"format": ');
    expect(() => loadAnswerModel(broken)).toThrow(`${broken}: answer model is not valid JSON`);
  });
});
