// A question about a shop to walk into ("What time does your store on Main St close on Sundays?", "is there a
// branch near me?", "can I return it in-store?"). The store sells online only and its help centre speaks of no
// shop, so the nearest section (support hours, returns by post) read as the answer would tell the customer
// something untrue about a place. "Store credit", "your store's app" and "store hours" (which customers of an
// online shop mean as support hours) are not about a visit.

import { plainLowerCase } from './apostrophes.js';

/** Words that end a street's or a place's name. */
const PLACE = String.raw`(?:st|street|rd|road|ave|avenue|blvd|boulevard|lane|ln|drive|dr|way|square|sq|plaza|mall|high street|shopping centre|shopping center|retail park|downtown|city centre|city center|town centre|town center)`;

/** Words for a shop one can walk into. */
const SHOP = String.raw`(?:store|shop|branch|outlet|showroom|boutique)`;

const PATTERNS: readonly RegExp[] = [
  // "your store on Main St", "your branch at the mall", "your stores downtown"; not "a charge from your store on my
  // statement", "I bought from your store on Black Friday": a street or a place must follow.
  new RegExp(
    String.raw`\byour (?:physical |local |nearest |closest )?${SHOP}s? (?:(?:on|in|at|off) (?:the )?(?:[\w'-]+ ){0,3}?${PLACE}|near|downtown)\b`,
  ),
  // "a store near me", "any shop nearby", "the closest branch"
  new RegExp(String.raw`\b${SHOP}e?s? (?:near (?:me|my|here|us|where)|nearby|close to (?:me|my|here))\b`),
  new RegExp(String.raw`\b(?:nearest|closest|local|physical|brick and mortar|retail) ${SHOP}s?\b`),
  // "return it in-store", "in store pickup"
  /\bin[- ]store\b(?! credit)/,
  // "visit your store", "come into the shop", "drop by a branch"
  new RegExp(
    String.raw`\b(?:visit|come (?:in|into|by|to)|walk into|drop (?:in|into|by)|stop by|pop (?:in|into|by)|go (?:in|into|to)) (?:to )?(?:your|the|a|one of your) ${SHOP}\b`,
  ),
  // "where is your store?", "where are your shops", "store locations"
  new RegExp(String.raw`\bwhere (?:is|are) (?:your|the) ${SHOP}s?(?: located| based)?(?= *(?:[?.!,]|$))`),
  new RegExp(String.raw`\b(?:store|shop) (?:locations?|addresses|address)\b`),
  // "pick it up at the store", "collect from a shop"
  new RegExp(String.raw`\b(?:pick (?:\w+ )?up|collect (?:\w+ )?)(?:in|at|from) (?:the |your |a )?${SHOP}\b`),
];

/** The message asks about a shop to visit in person (`true`), which this store does not have. */
export function asksAboutAStoreVisit(text: string): boolean {
  const s = plainLowerCase(text);
  return PATTERNS.some((p) => p.test(s));
}
