// Turns a task's second-person instruction ("You've received a mouse...") into what the customer would write
// ("I've received a mouse..."), dict-like option lists into words, and picks out the parts a customer says.

const SUBJECT_BEFORE =
  /^(?:want|wanna|need|would|will|realize|realized|received|bought|ordered|placed|just|also|don't|do|did|didn't|can|could|have|had|prefer|like|think|know|remember|forgot|only|still|already|recently|simply|made|noticed|found|started|decided|decide|are|were|got|paid|used|wanted|'d|'ve|'re|'ll|may|might|should|must)\b/i;

/** Second person to first: "you've" → "I've", "your" → "my", "you" → "I" or "me". */
export function firstPerson(text: string): string {
  let s = text
    .replace(/\bdo't\b/g, "don't")
    .replace(/\byou've\b/gi, "I've")
    .replace(/\byou'd\b/gi, "I'd")
    .replace(/\byou're\b/gi, "I'm")
    .replace(/\byou'll\b/gi, "I'll")
    .replace(/\byou are\b/gi, 'I am')
    .replace(/\byou were\b/gi, 'I was')
    .replace(/\byourself\b/gi, 'myself')
    .replace(/\byours\b/gi, 'mine')
    .replace(/\byour\b/g, 'my')
    .replace(/\bYour\b/g, 'My');
  s = s.replace(/\b([Yy])ou\b(\s+)(\S+)?/g, (_m, _y: string, space: string, next: string | undefined) => {
    const after = next ?? '';
    const pronoun = SUBJECT_BEFORE.test(after) ? 'I' : 'me';
    return `${pronoun}${space}${after}`;
  });
  return s.replace(/\bI am\b/g, "I'm").replace(/(^|[.!?]\s+)me\b/g, '$1I');
}

/** `{'size': '7 ft', 'color': 'red'}` as words; an address dict as a postal address. */
export function dictsAsWords(text: string): string {
  return text.replace(/\{([^{}]*)\}/g, (_m, body: string) => {
    const pairs = [...body.matchAll(/'([^']+)'\s*:\s*'([^']*)'/g)].map((m) => [m[1]!, m[2]!] as const);
    const get = (k: string) => pairs.find(([key]) => key === k)?.[1] ?? '';
    if (get('address1')) {
      return [get('address1'), get('address2'), get('city'), `${get('state')} ${get('zip')}`, get('country')]
        .filter((p) => p.trim().length > 0)
        .join(', ');
    }
    return `(${pairs.map(([k, v]) => `${k} ${v}`).join(', ')})`;
  });
}

/** Sentences of an instruction; dict literals are kept whole. */
export function instructionSentences(text: string): string[] {
  return dictsAsWords(text)
    .split(/(?<=[.!?;])\s+(?=[A-Z#])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const PERSONA = /^You are (?:very )?(?:[a-z]+(?:,\s*|\s+and\s+|\s*)){1,8}\.?$/;
const ABOUT_ME = /^(?:Your name is|Your (?:email|zip code)|You are [A-Z])/;
/** How the customer behaves, not what they want: these steer replies, they are not said up front. */
const BEHAVIOUR =
  /^(?:If |Try |Be |Insist|Threaten|Do not |Don't |Make sure|Only |At the end|In the end|Eventually|But before confirming|When |Initially|First try)/;

export interface Wants {
  name: string;
  emails: string[];
  zip?: string;
  /**
   * What the customer asks for, one request per entry (a "For #W...," sentence starts one, as does a sentence
   * first naming another order than the request before it).
   */
  requests: string[];
  /** Sentences about choices made along the way ("eventually decide on the brown color"). */
  decisions: string[];
  /** What to say when first asked to confirm, instead of yes ("before confirming, decide to return X as well"). */
  beforeConfirming: string[];
  instruction: string;
}

/**
 * A sentence opening with a request about an order the current request does not name ("Cancel order #W1...
 * Cancel order #W2..."): said on its own once the first is settled, as a customer takes one thing at a time.
 */
function aboutAnotherOrder(sentence: string, current: string): boolean {
  const first = /#W\d{7}/.exec(sentence)?.[0];
  const before: string[] = current.match(/#W\d{7}/g) ?? [];
  return first !== undefined && before.length > 0 && !before.includes(first);
}

/** What the customer wants and knows about themselves, read from the instruction alone. */
export function readInstruction(instruction: string): Wants {
  const name = /Your name is ([A-Z][\w'-]+(?: [A-Z][\w'-]+)+)/.exec(instruction)?.[1] ?? 'Alex Doe';
  const emails = [...instruction.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) =>
    m[0].replace(/\.$/, ''),
  );
  const zip = /zip code is (\d{5})/i.exec(instruction)?.[1];
  const sentences = instructionSentences(instruction).filter((s) => !PERSONA.test(s) && !ABOUT_ME.test(s));
  const requests: string[] = [];
  const decisions: string[] = [];
  const beforeConfirming: string[] = [];
  for (const s of sentences) {
    const onConfirm =
      /^(?:But )?before confirming,\s*(?:decide to\s*)?(.+)$/i.exec(s)?.[1] ??
      /^If the (?:customer service )?agent asks for confirmation,\s*(?:mention (?:that )?)?(.+)$/i.exec(
        s,
      )?.[1];
    if (onConfirm)
      beforeConfirming.push(
        firstPerson(`I want to ${onConfirm.replace(/^(?:you|I) (?:also )?want to /i, '')}`),
      );
    if (/\b(?:decide|eventually|in the end|prefer|change (?:your|my) mind)\b/i.test(s))
      decisions.push(firstPerson(s));
    if (BEHAVIOUR.test(s)) continue;
    const text = firstPerson(
      s.replace(/^(?:Emphasize|Mention|Tell the customer service agent|Tell the agent|Complain) that /i, ''),
    );
    if (/^For #W\d{7}\b/.test(s) || requests.length === 0 || aboutAnotherOrder(s, requests.at(-1)!))
      requests.push(text);
    else requests[requests.length - 1] += ` ${text}`;
  }
  return { name, emails, ...(zip ? { zip } : {}), requests, decisions, beforeConfirming, instruction };
}
