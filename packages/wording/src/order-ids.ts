// Store order ids look like "#W2611340"; customers also drop the "#" or write the letter in lower case. A longer
// digit run, or an id glued to other letters or digits, is something else (a tracking number, a product code).
const ORDER_ID = /(?<![\p{L}\p{N}])#?([Ww]\d{7})(?![\p{L}\p{N}])/gu;

/** Order ids named in the text, normalised to "#W1234567", each once, in order of appearance. */
export function orderIdsIn(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(ORDER_ID)) ids.add(`#${m[1]!.toUpperCase()}`);
  return [...ids];
}

/** The text with every order id replaced by `token`. */
export function replaceOrderIds(text: string, token: string): string {
  return text.replace(ORDER_ID, token);
}

/** "#w1234567", "W1234567" and "#W1234567" are the same order. */
export function sameOrderId(a: string, b: string): boolean {
  return canonicalOrderId(a) === canonicalOrderId(b);
}

export function canonicalOrderId(id: string): string {
  return `#${id.replace(/^#/, '').toUpperCase()}`;
}
