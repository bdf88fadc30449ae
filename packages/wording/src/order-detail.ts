/**
 * What a message asks about an order beyond where it is: which size, colour or model of an item was chosen,
 * what it cost or was paid with, the address it goes to, a receipt, what an item does. A status ("pending",
 * "delivered", the items' names and a tracking number) answers none of these, however much the rest of the
 * message sounds like a status question ("what's going on with the grill in #W…, is it the electric one?").
 */

/** What an item was chosen with, or what it is: the words a question about a detail names. */
const ATTRIBUTE = String.raw`(?:size|sizes|colour|colours|color|colors|shade|shades|storage|ram|memory|processor|capacity|material|materials|model|version|options?|variants?|style|pieces|length|height|width|weight|dimensions|battery|filter|filters|resolution|brand|specs?|specifications|features?|price|cost|total|amount|address|card|payment method)`;

/** Option values that come in pairs of alternatives: colours, materials and letter sizes. */
const VALUE = String.raw`(?:black|white|blue|red|green|grey|gray|silver|pink|purple|yellow|orange|brown|beige|navy|gold|leather|mesh|wood|wooden|metal|glass|plastic|ceramic|cotton|polyester|nylon|fleece|steel|xs|s|m|l|xl|xxl|small|medium|large|wired|wireless)`;

/** A number, with its unit if any ("10", "25ft", "32gb", "9 5" for 9.5 once canonical), or a number word. */
const NUMBER = String.raw`(?:\d+[a-z]*(?: \d+[a-z]*)?|one|two|three|four|five)`;

const r = (source: string) => new RegExp(source);

/** Ways and means of carrying a parcel, which an order's record does not hold. */
const CARRIED = String.raw`(?:air|ground|sea|road|van|truck|post|mail|courier|ups|fedex|dhl|usps|royal mail|hand)`;
/** Where a parcel is posted through at the door. */
export const SLOT = String.raw`(?:letterbox|letter box|mailbox|mail box|mail slot|postbox)`;

/**
 * How the order will be carried and handed over, rather than where it is: a signature, who carries it and by
 * what, where it comes from (customs), the time of day, who may take it in, notice before it comes, its packing,
 * what comes in the box. The words of delivery ("arrive", "delivered", "courier") make such a question sound like
 * a status question, and a status ("pending", a tracking number) answers none of it.
 */
const HOW_IT_COMES: readonly RegExp[] = [
  // "will it need a signature", "do I have to sign for it", "will I need to be home to sign"
  r(String.raw` (?:signature|signed for|sign for) `),
  // "by air or by ground", "is it coming with UPS or FedEx", "which courier is delivering it", "by van or by post"
  r(String.raw` (?:by|with|via) (?:the )?${CARRIED} or (?:by |with |via |the )?\S+ `),
  r(String.raw` ${CARRIED} or (?:by |with |via |the )?${CARRIED} `),
  r(String.raw` (?:which|what) (?:courier|carrier|delivery company|shipping company|depot|warehouse|hub) `),
  // "shipped from the US": not "dispatched from your warehouse yet", which asks whether it left
  r(
    String.raw` (?:shipped|ship|ships|sent|coming|come|comes|dispatched) from (?!(?:the |your |our )?(?:warehouse|store|shop|depot|facility) )`,
  ),
  r(String.raw` (?:overseas|abroad|customs|duties|import tax|import fees) `),
  // "what time of day", "in the morning or afternoon", "do they deliver on Sundays", "in the evening? I work days"
  r(String.raw` (?:what time|time of day|time slot|which day of the week) `),
  r(
    String.raw` (?:morning|afternoon|evening|am|pm) or (?:in |on )?(?:the )?(?:morning|afternoon|evening|night|am|pm) `,
  ),
  r(
    String.raw` (?:deliver|delivers|delivered|delivery|arrive|come|courier|driver) (?:\S+ ){0,3}?(?:in the (?:morning|afternoon|evening)|at night|on (?:a )?(?:saturday|sunday|weekend)s?|at (?:the )?weekends?) `,
  ),
  // Who may take it in, asked of what is to come ("can it be left with my neighbour?"; "my neighbour may have
  // taken it in" is not), and notice before it comes.
  r(
    String.raw` (?:can|could|will|would|should|do|does) (?:\S+ ){0,4}?(?:leave|left|deliver|delivered|give|given|hand|handed|drop|dropped|bring|brought|take|taken) (?:\S+ ){0,2}?(?:to|with|at|in|into) (?:my |the |a |our )?(?:neighbour|neighbor|neighbours|neighbors|safe place|concierge|front desk|reception|lobby|mailroom|door) `,
  ),
  // "will it fit in my letterbox?", "is it letterbox sized?" (not "I've checked my letterbox every day", which is
  // waiting for it)
  r(
    String.raw` (?:fit|fits|go|goes|squeeze|post|posted|put|leave|left|drop|dropped) (?:\S+ ){0,2}?(?:through|in|into) (?:the |my |a |our )?${SLOT} `,
  ),
  r(String.raw` ${SLOT} (?:friendly|sized|size|delivery|deliveries) `),
  r(
    String.raw` (?:text|call|ring|phone|message|notify|email|sms) (?:me )?(?:\S+ ){0,2}?(?:before|when) (?:it|they|the driver|the courier|he|she) `,
  ),
  r(String.raw` (?:get|receive) (?:a |an )?(?:text|call|sms|notification|alert) `),
  r(String.raw` (?:by|via|over) (?:text|sms|whatsapp|phone call) `),
  // its packing and what is in the box
  r(
    String.raw` (?:plain|discreet|unmarked|original|manufacturer|manufacturers) (?:box|packaging|package|packing) `,
  ),
  r(String.raw` (?:gift wrapped|gift wrap|giftwrapped|take (?:\S+ ){0,3}?away) `),
  r(String.raw` (?:assembled|assembly|manual|instructions|return label|returns label) `),
  r(String.raw` (?:insured|insurance) `),
];

/**
 * Where the order goes, rather than where it is: which address it is sent to, an address said to have changed
 * ("I moved last week, will it still get to me?"), a zip code or apartment number given wrong. A status answers
 * none of it.
 */
const WHERE_IT_GOES: readonly RegExp[] = [
  // A change of the address asked for ("can I still change the address on #W…?") is the request reader's.
  r(
    String.raw`(?<! (?:change|update|changed|updated|correct|fix|edit|amend)(?: the| my| its| our)?(?: delivery| shipping)?) (?:address|addresses|zip|zipcode|zip code|postcode|post code|postal code|apartment number|apt number|suite number|unit number|flat number) `,
  ),
  // "I just moved", "we've relocated", "I'm moving house" (not "the tracking is just moving slowly")
  r(String.raw` (?:i|we|ive|weve|im) (?:\S+ )?(?:moved|relocated|moving|relocating) `),
  // "which street is it being sent to?", "what city is #W… shipping to?"
  r(String.raw` (?:which|what) (?:street|road|city|town|house|apartment|apt|suite|unit|building) `),
  // "is #W… being delivered to the right place?"
  r(String.raw` (?:right|correct|wrong) (?:place|address|house|location|door|building) `),
  // "where is #W… being delivered to?", "where are you sending it?"
  r(
    String.raw` where (?:\S+ ){0,5}?(?:delivered|sent|shipped|going|posted|mailed|heading|headed|delivering|sending|shipping|posting) to $`,
  ),
  r(
    String.raw` where (?:are|will|do|would) (?:you|they) (?:\S+ )?(?:sending|shipping|delivering|posting|send|ship|deliver|post) `,
  ),
  r(
    String.raw` (?:work|office|home|old|new|previous|parents|moms|mums|dads|billing) (?:address |place )?or (?:to |at )?(?:my |the |our )?(?:work|office|home|old|new|previous|parents|moms|mums|dads|billing) `,
  ),
];

/**
 * What the order came to in money that neither its record nor the help centre states: what its tax, shipping or
 * fees were, whether tax was in what was paid, a charge the customer cannot place. The help centre says how tax
 * and shipping are charged, which reads as an answer and is not one.
 */
const AMOUNT: readonly RegExp[] = [
  // "did the tax on #W… get included in the total?", "how much was shipping on #W…?", "is tax included in the
  // price I paid for #W…?"
  r(
    String.raw` (?:tax|taxes|sales tax|shipping cost|shipping fee|shipping charge|delivery fee|delivery charge|postage|fees?) (?:on|for|of|in) (?:orderref|my order|the order|it) `,
  ),
  r(
    String.raw` how much (?:was|is|were|did) (?:\S+ ){0,2}?(?:tax|taxes|sales tax|shipping|delivery|postage|fees?) (?:on|for|in) `,
  ),
  r(
    String.raw` (?:tax|taxes|sales tax) (?:\S+ ){0,2}?(?:included|added|charged|part) (?:in|to|on|for|of) (?:\S+ ){0,4}?(?:i paid|we paid|orderref|my order) `,
  ),
  // A charge the customer cannot place: "a charge from you I don't recognise, is it for #W…?"
  r(
    String.raw` (?:charge|charges|payment|transaction|debit) (?:\S+ ){0,6}?(?:recognise|recognize|recognised|recognized) `,
  ),
  r(String.raw` (?:recognise|recognize) (?:\S+ ){0,3}?(?:charge|charges|payment|transaction|debit) `),
];

const DETAIL: readonly RegExp[] = [
  // "what size did I order", "which card did I use", "what storage did the e-reader come with"
  r(String.raw` (?:what|whats|which) (?:\S+ ){0,2}?${ATTRIBUTE} `),
  // "what's the price of the makeup kit", "what is the total for #W…"
  r(String.raw` (?:what|whats) (?:is|was|are|were|s)? ?(?:the|my) (?:\S+ )?${ATTRIBUTE} `),
  // "can you tell me the height of the bookshelf", "the address for #W…"
  // ("change the address on #W…" asks for a change, which the request reader sees.)
  r(
    String.raw` (?<!(?:change|update|changed|updated|correct|fix|edit) )the ${ATTRIBUTE} (?:of|on|for) (?:the|my|orderref) `,
  ),
  // "how much did the backpack cost", "how much was I charged", "how much RAM does it have"
  r(String.raw` how much (?:\S+ ){0,4}?(?:cost|costs|pay|paid|charge|charged|ram|memory|storage) `),
  // "what did #W… come to in total?", "what does it all add up to"
  r(
    String.raw` (?:what|how much) (?:did|does|do|will|would) (?:\S+ ){0,3}?(?:come to|come out to|come out at|add up to|amount to|total) `,
  ),
  r(String.raw` in total `),
  // The charge asked about, not told as the reason to ask where the order is ("I was charged last week, has it
  // shipped?"): whether, when or why it was charged, a charge twice, whether a charge is right, whether the
  // payment is taken yet. The status says where the order is, not what its payment did.
  r(
    String.raw` (?:why|when|how much|how many times|did you|have you|will you|would you|was i|were we|am i|will i|do i|did i|is it|is my card) (?:\S+ ){0,4}?(?:charge|charged|bill|billed|debit|debited|overcharge|overcharged) `,
  ),
  r(
    String.raw` (?:(?:charged|billed|charging) (?:me |us )?(?:twice|double|two times|again)|double charged|two charges|second charge|extra charge|charged for (?:\S+ ){0,3}?twice|charges? (?:\S+ ){0,6}?(?:a |the )?(?:second|another|other) (?:one|charge)) `,
  ),
  r(
    String.raw` (?:charged|charge|charges|billed|payment|paid) (?:\S+ ){0,12}?(?:is (?:that|this|it) (?:right|normal|correct|ok|okay|usual|expected|supposed)|is that how it works|why $)`,
  ),
  // "is the payment for #W… taken now or when it ships?", "is #W… paid for yet?"
  r(
    String.raw` (?:is|has|will|when is|when will) (?:the |my )?(?:payment|money) (?:\S+ ){0,3}?(?:taken|take|taking|go through|gone through|come out|debited|processed) `,
  ),
  r(
    String.raw` (?:is|has) (?:it |orderref |my order |the order |this |that )?(?:been |already |all |fully )*(?:paid|paid for|payed) (?:yet |already |in full |$)`,
  ),
  r(String.raw` how (?:many (?:pieces|items|gb)|heavy|big|tall|high|wide) `),
  r(String.raw` how long (?:\S+ ){1,4}?(?:last|lasts) `),
  // "did I order the sneakers in a 10 or a 10.5", "the 25ft or the 50ft one", "leather or mesh", "M or L"
  // ("in 2 or 3 days" is when it comes.)
  r(
    String.raw` (?:${NUMBER}|${VALUE}) or (?:the |a |an )?(?:${NUMBER}|${VALUE}|more|less|bigger|smaller) (?!(?:more )?(?:days|day|weeks|week|business|working|hours|boxes|packages|parcels))`,
  ),
  // "is the bike in it the blue road one", "is it the electric one with the side burner"
  r(
    String.raw` (?:is|was|are|were) (?:it |they |that |this |the (?:\S+ ){1,5}?)(?:the|a|an) (?:\S+ ){1,3}?(?:one|ones|version|model) `,
  ),
  // "what did I pick", "which options did I choose", "which processor did I go for"
  r(
    String.raw` (?:what|which) (?:\S+ ){0,2}?(?:did|do) (?:i|we) (?:pick|picked|choose|chose|select|selected|go for|put|get) `,
  ),
  // "does the coffee maker have a timer", "does the thermostat work with Google Home", "which card does it take"
  r(
    String.raw` (?:does|do) (?:it |they |the (?:\S+ ){1,3}?)(?:have|come with|work with|take|need|fit|include|support|use) (?!(?:a |an |any )?(?:tracking|trackingref|update|eta|delivery|estimated))(?:a|an|any|batteries|\S+ (?:home|card)) `,
  ),
  r(
    String.raw` (?:is|are) (?:it |they |the (?:\S+ ){1,5}?)(?:waterproof|wireless|rechargeable|compatible|covered) `,
  ),
  ...AMOUNT,
  // "a copy of the receipt", "email me the invoice", "resend the order confirmation"
  r(String.raw` (?:invoice|invoices|vat) `),
  // "could you email my accountant the refund details?", "send me proof of the refund"
  r(
    String.raw` (?:email|e mail|send|forward|mail|fax) (?:\S+ ){0,4}?(?:details|statement|proof|breakdown|paperwork|documents?|copy) `,
  ),
  r(String.raw` (?:copy of|email|send|resend|need|get|want) (?:me )?(?:a |the |my )?(?:\S+ )?receipt `),
  r(String.raw` re ?send (?:me )?(?:the |my |a )?(?:\S+ )?confirmation `),
  r(String.raw` (?:receipt|gift receipt) in the box `),
  // "when exactly did I place order #W…": the date it was placed, not when it comes
  r(String.raw` when (?:\S+ )?did (?:i|we) (?:place|make|put in) `),
  ...HOW_IT_COMES,
  ...WHERE_IT_GOES,
];

/** The message, in canonical words (`canonicalText`), asks what an order came to in money (`AMOUNT`). */
export function asksOrderAmount(canonical: string): boolean {
  return AMOUNT.some((p) => p.test(canonical));
}

/** The message, in canonical words (`canonicalText`), asks about a detail of an order a status does not give. */
export function asksOrderDetail(canonical: string): boolean {
  return DETAIL.some((p) => p.test(canonical));
}
