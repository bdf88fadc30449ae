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
 * The catalogue's own option names, asked which of them a product has: "what pressure is the espresso machine?",
 * "which resolutions does the action camera come in?", "what kinds of vacuum cleaner do you have?".
 */
const OPTION_ASKED =
  /\b(?:what|which|whats|what's) (?:\w+ ){0,2}?(?:pressure|capacity|capacities|resolutions?|storage|ram|processors?|screen sizes?|battery life|battery type|connectivity|zoom|thickness|lengths?|diameters?|switch types?|backlight|types?|kinds?|versions?|scents?|scent family|features?|piece counts?|filter types?|display|ventilation|brightness|output|compatibility|room size|weight range|color temperature)\b/i;

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
  return (CATALOGUE_ASKS.test(text) || OPTION_ASKED.test(text)) && !BEYOND_CATALOGUE.test(text);
}

/** How a product is made, what it weighs or measures, who makes it, how it behaves: a product's own description. */
const ATTRIBUTE_ASKED =
  /\b(?:(?:what|which|whats|what's) (?:\w+ ){0,1}?(?:brand|make|model|weight|dimensions?|measurements?|wattage|voltage|noise level)|how (?:heavy|big|tall|wide|high|deep|long|loud|noisy|quiet|bright|fast|strong|durable)|how much (?:does|do) (?:it|they|the (?:\w+ ){1,2}?)weigh|who makes|made (?:of|from|by|in)|is (?:it|the (?:\w+ ){1,2}?)(?:easy|hard|difficult) to|(?:does|do|will|can) (?:it|they|the (?:\w+ ){1,3}?)(?:come with|include|work with|be used|fit))\b/i;

/** Topics the help centre speaks to, asked beside a product (its delivery, return, warranty, price rules). */
const HELP_TOPIC =
  /\b(?:ship\w*|deliver\w*|return\w*|refund\w*|exchang\w*|warrant\w*|guarantee\w*|discount\w*|coupon|code|sale|order\w*|pre-?orders?|restock\w*|back in stock|price|prices|cost|costs|pay\w*)\b/i;

/**
 * The message asks about a product itself (what it weighs or measures, who makes it, how loud it is, what it comes
 * with or works with) and about nothing the help centre speaks to: the help centre describes no product, so a
 * section that names the product ("coffee and espresso machines carry the manufacturer's warranty") is no answer.
 */
export function asksProductItself(text: string): boolean {
  return ATTRIBUTE_ASKED.test(text) && !HELP_TOPIC.test(text);
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
