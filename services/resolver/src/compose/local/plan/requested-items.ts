import type { OrderItem } from '@parley/commerce';
import { requestSentences } from '@parley/wording';
import { asksForAll, namedItems, oneOfEach } from './items.js';
import type { Similarity } from './words.js';

/**
 * Whether a message tells a story around its request and leaves unclear which of the items it names the request
 * is for: "The speaker is great, but the luggage set is too big. I'd like to return it." names two products
 * and asks for one. The request sentences (`requestSentences`) decide: when they name items, the story must
 * name no others ("the lamp flickers. Please return the lamp" is clear; "I love the speaker. Please return the
 * luggage set" is not read as both); when they name none ("return it"), the story must name one product only.
 */
function unclearItems(message: string, items: readonly OrderItem[], similar?: Similarity): boolean {
  const request = requestSentences(message).join(' ');
  if (request === '' || asksForAll(request)) return false;
  const inRequest = new Set(namedItems(request, items, similar));
  const inMessage = namedItems(message, items, similar);
  if (inRequest.size > 0) return inMessage.some((i) => !inRequest.has(i));
  return new Set(inMessage.map((i) => items[i]!.productId)).size > 1;
}

/**
 * The order items a return or an item change is for: all of them when asked for, else those named (one of an
 * item the order holds twice, `oneOfEach`). Undefined when a message's story leaves it unclear which it is
 * (`unclearItems`): the planner asks rather than read back items the customer spoke of without asking for.
 */
export function requestedItems(
  messages: readonly string[],
  items: readonly OrderItem[],
  similar?: Similarity,
): number[] | undefined {
  const text = messages.join('\n');
  const kept = exceptedItems(text, items, similar);
  if (asksForAll(text) || ALL_BUT.test(text)) {
    const rest = items.map((_, i) => i).filter((i) => !kept.has(i));
    return rest.length > 0 ? rest : undefined;
  }
  if (messages.some((m) => unclearItems(m, items, similar))) return undefined;
  const named = namedItems(text, items, similar).filter((i) => !kept.has(i));
  return oneOfEach(text, named, items);
}

/** "all but the lamp", "everything but the tablet": every item save the ones named after it. */
const ALL_BUT = /\b(?:all|everything)\s+but\b/i;

/** Words keeping items out of the request: "everything except the tablet", "the kettle but not the lamp". */
const EXCEPT =
  /(?:\b(?:except(?:\s+for)?|but\s+not|apart\s+from|other\s+than|save\s+for|(?:all|everything)\s+but)|,\s*not)\s+([^.!?\n;]*?)(?=\s+but\b|[.!?\n;]|$)/gi;

/** The items a request keeps out ("return everything except the tablet"). */
function exceptedItems(text: string, items: readonly OrderItem[], similar?: Similarity): Set<number> {
  const kept = new Set<number>();
  for (const m of text.matchAll(EXCEPT)) for (const i of namedItems(m[1]!, items, similar)) kept.add(i);
  return kept;
}
