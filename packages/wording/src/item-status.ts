import { withoutCourtesy } from './normalise.js';
import { canonicalText } from './order-question.js';
import { asksOnlyProgress } from './progress-only.js';

/** A name's words as customers write them: "Hiking Boots" -> hiking, boots, boot; "Tea Kettle" -> kettles too. */
function wordsOfNames(names: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    for (const w of canonicalText(name).trim().split(' ')) {
      if (w.length < 3) continue;
      words.add(w);
      words.add(w.endsWith('s') ? w.slice(0, -1) : `${w}s`);
      if (/(?:ss|sh|ch|x)$/.test(w)) words.add(`${w}es`);
    }
  }
  return words;
}

/**
 * A status question that names the order by what it holds ("has my hiking boots left yet?", "any news on the
 * makeup kit?", "what stage is my fleece jacket at?"), and says nothing else: greetings and sign-offs aside,
 * every word frames the question, asks after the order's progress or is a word of `itemNames` (the items of the
 * sender's order it names, from their records). "Is the laptop shipped with a charger?" names the laptop and
 * asks something else.
 */
export function asksOnlyProgressOfItems(text: string, itemNames: readonly string[]): boolean {
  return asksOnlyProgress(canonicalText(withoutCourtesy(text)), wordsOfNames(itemNames));
}
