/**
 * Words of a help centre's rule on stock and variants ("a variant may be out of stock; we do not take
 * backorders..."): retrieval searches them to put the rule beside the catalogue facts it looks up, and the
 * composer quotes the sentences that share several of them.
 */
export const STOCK_RULE_TERMS = 'variant available out of stock backorders restock';
