import { singular } from './words.js';

/**
 * Colour and material words customers ask for. One the product does not offer means the customer wants
 * something that does not exist, and a sentence claiming it of the product is not grounded.
 */
export const OPTION_VOCABULARY: ReadonlySet<string> = new Set(
  `black white red blue green yellow purple pink orange brown gray beige navy gold silver teal maroon ivory
  leather mesh fabric cotton polyester wool silk metal plastic wood glass ceramic bamboo nylon canvas velvet
  suede linen denim rubber steel aluminium aluminum`
    .split(/\s+/)
    .filter(Boolean)
    .map(singular),
);
