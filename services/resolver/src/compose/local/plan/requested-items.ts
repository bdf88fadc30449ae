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
  if (asksForAll(text)) return items.map((_, i) => i);
  if (messages.some((m) => unclearItems(m, items, similar))) return undefined;
  return oneOfEach(text, namedItems(text, items, similar), items);
}
