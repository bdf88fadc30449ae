import type { Example, IntentModel } from '@parley/intent-model';
import type { Perturbation } from './perturb.js';
import { perturb, PERTURBATIONS } from './perturb.js';

export interface RobustnessReport {
  seed: number;
  /** Accuracy (argmax over the trained classes, `out_of_scope` included) on the test texts as written. */
  clean: number;
  /** The same texts perturbed one way (`all`: every way at once): accuracy and the drop in points. */
  perturbed: Record<Perturbation, { accuracy: number; drop: number }>;
  /** The largest drop of the single perturbations, in points. */
  maxDrop: number;
}

function accuracyOn(model: IntentModel, texts: readonly string[], gold: readonly string[]): number {
  let right = 0;
  texts.forEach((text, i) => {
    if (model.intents[model.analyse(text).argmax] === gold[i]) right++;
  });
  return texts.length === 0 ? 0 : right / texts.length;
}

const points = (share: number) => Math.round(share * 1000) / 10;

/**
 * How much accuracy the test set loses when the same texts are written with typos, other casing, politeness
 * wrappers or sign-offs (seeded, so every run perturbs them identically).
 */
export function robustness(model: IntentModel, test: readonly Example[], seed = 1): RobustnessReport {
  const gold = test.map((e) => e.intent);
  const clean = accuracyOn(
    model,
    test.map((e) => e.text),
    gold,
  );
  const perturbed = {} as RobustnessReport['perturbed'];
  for (const kind of PERTURBATIONS) {
    const accuracy = accuracyOn(
      model,
      test.map((e, i) => perturb(e.text, kind, seed, i)),
      gold,
    );
    perturbed[kind] = { accuracy, drop: points(clean - accuracy) };
  }
  const single = PERTURBATIONS.filter((k) => k !== 'all').map((k) => perturbed[k].drop);
  return { seed, clean, perturbed, maxDrop: Math.max(...single) };
}
