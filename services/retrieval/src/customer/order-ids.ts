// Store order ids look like "#W2611340"; customers also drop the "#" or write the letter in lower case.
const ORDER_ID = /(?<![A-Za-z0-9])#?([Ww]\d{7})(?!\d)/g;

/** Order ids named in the text, normalised to "#W1234567", each once, in order of appearance. */
export function namedOrderIds(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(ORDER_ID)) ids.add(`#${m[1]!.toUpperCase()}`);
  return [...ids];
}
