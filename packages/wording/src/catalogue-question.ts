// A question the catalogue answers by itself: which options a product comes in, whether one is in stock, what it
// costs. Asked about anything the catalogue does not hold (why a price differs, when stock returns, whether it
// can be pre-ordered, what it is made of, a warranty, a comparison, the sender's own orders), a list of variants
// is not the answer, however well it matches the product.
import { orderIdsIn } from '@parley/contracts';
import { readOrderQuestion } from './order-question.js';

/** What the catalogue holds: options, stock and prices. */
const CATALOGUE_ASKS =
  /\b(?:in stock|stock|available|availability|come in|comes in|do you (?:have|sell|carry|stock|got)|have you got|you(?:'ve| have) got|options?|colou?rs?|sizes?|price|prices|cost|costs|how much|cheapest|most expensive|which (?:\w+ ){0,4}?(?:is|are|has|have)|what (?:\w+ ){0,3}?(?:do you have|come in|is there))\b/i;

/**
 * What it does not: reasons, future dates, policies, materials and build, comparisons, the sender's orders, how a
 * size fits ("a size chart", "does it run small"), where or by whom it is made, spare parts, measurements.
 */
const BEYOND_CATALOGUE =
  /\b(?:why|when (?:will|does|do|is|are|would|can)|pre-?orders?|reserve|back in stock|restock\w*|notify|warrant\w*|guarantee\w*|assembl\w*|made of|material|materials|compar\w*|better|difference|recommend\w*|review\w*|return\w*|refund\w*|exchang\w*|ship\w*|deliver\w*|discount\w*|coupon|code|sale|reorder\w*|subscri\w*|automatic\w*|my order|ordered|should be|you sent|sent me|received|arrived|came|got (?:the|my|a|an)|bought|purchased|broke\w*|damaged|cover\w*|size charts?|sizing|charts?|fits?|fitting|true to size|runs? (?:small|large|big)|made in|who makes|manufactur\w*|spare|replacements?|parts|dimensions?|weigh\w*|measure\w*)\b|\b(?:can|could|may) i\b/i;

/**
 * The message asks only what the catalogue holds (options, stock, price) of the products it names: "What sizes
 * does the fleece jacket come in?", "Is the smart watch available in silver with a leather band?".
 */
export function asksCatalogueOnly(text: string): boolean {
  if (orderIdsIn(text).length > 0 || readOrderQuestion(text).problem) return false;
  return CATALOGUE_ASKS.test(text) && !BEYOND_CATALOGUE.test(text);
}

/** Stock to come, or ordering what is out of it: pre-orders, backorders, restocking, being told when it is back. */
const RESTOCK =
  /\b(?:pre-?orders?(?:ing|ed)?|back-?orders?|reserve|back in stock|restock\w*|(?:come|comes|coming) back|get(?:ting)? (?:more|it|them|some|one) (?:in|back)|notify|let me know when|when (?:will|does|do|is|are|would|can) (?:\S+ ){0,8}?(?:available|in stock|back))\b/i;

/**
 * The message asks about stock to come rather than stock now: when something is back, whether it can be
 * pre-ordered or reserved, being told when it returns ("When will the puzzle be back in stock?", "Can I preorder
 * the silver luggage set?"). The store's rule on stock answers it, whole; the catalogue says only what is in stock.
 */
export function asksAboutRestock(text: string): boolean {
  return RESTOCK.test(text);
}

/** A restock asked about, with the "can I" that asks it: read as "in stock" by `asksRestockOnly`. */
const RESTOCK_ASKED = new RegExp(String.raw`(?:\b(?:can|could|may) i\s+)?` + RESTOCK.source, 'gi');

/**
 * The message asks about stock to come of the products it names and nothing the catalogue and the store's rule
 * on stock do not answer: "When will the animal puzzle be back in stock?", "Can I preorder the silver luggage set?
 * It says unavailable". Read as a question whether they are in stock, it must ask only what the catalogue holds.
 */
export function asksRestockOnly(text: string): boolean {
  return asksAboutRestock(text) && asksCatalogueOnly(text.replace(RESTOCK_ASKED, ' in stock '));
}
