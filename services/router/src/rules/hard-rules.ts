import type { RuleHit } from '@parley/contracts';
import type { Amount } from './amounts.js';
import { moneyClaims } from './amounts.js';

export interface HardRuleOptions {
  /** A refund, charge or compensation claim above this many dollars goes to a person. */
  escalateAmountUsd: number;
}

export interface HardRule {
  id: string;
  check(text: string, opts: HardRuleOptions): string | null;
}

/** Any of the patterns, tested against the whole text. */
function anyOf(patterns: RegExp[]): (text: string) => boolean {
  return (text) => patterns.some((p) => p.test(text));
}

// Gaps like [^.?!\n]{0,30} keep a match inside one sentence.
const GAP = String.raw`[^.?!\n]{0,30}`;
const re = (source: string) => new RegExp(source, 'i');

const closesAccount = anyOf([
  re(
    String.raw`\b(close|delete|deactivate|terminate|cancel|remove|erase|shut down)\s+(my|the|our|this)?\s*(whole |entire |customer |online |store )?account\b`,
  ),
  re(String.raw`\baccount\b${GAP}\b(closed|deleted|removed|deactivated|terminated|erased)\b`),
  re(
    String.raw`\b(delete|erase|remove|wipe|purge)\b${GAP}\b(my|all)\b${GAP}\b(data|personal (info|information|details))\b`,
  ),
  re(String.raw`\bright to (be forgotten|erasure)\b`),
]);

const legalThreat = anyOf([
  re(
    String.raw`\b(lawyers?|attorneys?(?! general)|solicitors?|lawsuits?|legal action|legal proceedings|litigation|small claims)\b`,
  ),
  re(String.raw`\b(sue|suing|sued)\b`),
  re(String.raw`\b(see|take) you\b${GAP}\bcourt\b`),
]);

const chargeback = anyOf([
  re(String.raw`\bcharge[- ]?backs?\b`),
  re(
    String.raw`\b(dispute|disputing|reverse|reversing)\b${GAP}\b(with|through|via) (my|the) (bank|card issuer|credit card company|card company)\b`,
  ),
  re(String.raw`\b(bank|card issuer|credit card company)\b${GAP}\b(dispute|reverse the charge)\b`),
]);

const regulator = anyOf([
  re(String.raw`\b(FTC|CFPB|BBB)\b`),
  re(
    String.raw`\b(better business bureau|federal trade commission|attorney general|consumer protection|trading standards|ombudsman|consumer financial protection)\b`,
  ),
]);

// An item that overheats, sparks, smokes or smells of burning, or hurt someone: the help centre says such reports
// always go to a person, whatever else the message asks.
const safetyHazard = anyOf([
  re(
    String.raw`\b(smells?|smelled|smelling|smelt|stinks?)\b${GAP}\b(burning|burnt|burned|smoke|smoky|melting|melted plastic)\b`,
  ),
  re(String.raw`\b(burning|melting) (smell|plastic|odou?r)\b`),
  re(String.raw`\b(caught|catching|catches) fire\b|\bburst into flames\b|\b(is|was|went|set) on fire\b`),
  re(
    String.raw`\b(started|starts|began|begun|is|was|keeps?) (smoking|sparking)\b|\bsmoke (came|coming|pouring) (out|from)\b`,
  ),
  re(String.raw`\b(overheat|overheats|overheated|overheating|exploded|explodes|exploding)\b`),
  re(String.raw`\belectric(al)? shock\b|\b(shocked|burned|burnt) (me|my|him|her|them|us)\b`),
  re(
    String.raw`\b(got|gets|was|were|been|getting) (injured|hurt)\b|\bhurt (myself|himself|herself|themselves|ourselves)\b|\binjur(y|ies)\b`,
  ),
]);

const WHO = String.raw`(a |an |the |your |some |one of your )?(real |actual |live |human )?(human|person|agent|representative|rep|manager|supervisor|someone|somebody|employee|staff member)\b`;
const wantsHuman = anyOf([
  re(String.raw`\b(speak|talk|chat)\s+(to|with)\s+${WHO}`),
  re(String.raw`\b(connect|transfer|put)\s+me\s+(through\s+)?(to|with)\s+${WHO}`),
  re(String.raw`\b(real|live|actual) (person|human|agent|people)\b`),
  re(String.raw`\bhuman (agent|being|support|help)\b`),
  re(String.raw`\bescalate\b${GAP}\b(supervisor|manager|human|person|team lead|someone|somebody)\b`),
  re(
    String.raw`\b(get|want|need)\b[^.?!\n]{0,12}\b(a|an|your|the) (human|person|manager|supervisor|agent|representative|operator)\b`,
  ),
  // A call back from a person: "can someone from your team call me back?", "I'd like a person to call me".
  re(
    String.raw`\b(someone|somebody|a person|a human|an agent|a representative|your team)\b${GAP}\b(call|ring|phone) me\b`,
  ),
  // The whole message is the person asked for: "agent", "operator please", "HUMAN!!!".
  re(
    String.raw`^\W*(an? )?(live |real |human )?(agent|operator|human|representative|rep|person|supervisor|manager|customer service)\W*(please|pls|plz|now)?\W*$`,
  ),
  re(
    String.raw`\b(not|no more|stop)\b[^.?!\n]{0,12}\b(a |the |this )?(bot|robot|machine|automated (reply|replies|response|responses|answer|answers|message|messages))\b`,
  ),
  // "I don't want automated answers": not "I don't want the coffee machine" (a cancellation).
  re(
    String.raw`\bdon['’]?t want\b[^.?!\n]{0,12}\b(bots?|robots?|automated (repl(y|ies)|responses?|answers?|messages?))\b`,
  ),
]);

// Whole words only, so "Scunthorpe", "assessment" or "shiitake" never match. Masked forms (f*ck) too.
const ABUSIVE_WORDS = new Set([
  'fuck',
  'fucking',
  'fucked',
  'fucker',
  'fuckers',
  'fck',
  'fk',
  'motherfucker',
  'shit',
  'shitty',
  'bullshit',
  'asshole',
  'assholes',
  'arsehole',
  'bastard',
  'bastards',
  'bitch',
  'bitches',
  'cunt',
  'cunts',
  'dickhead',
  'wanker',
  'twat',
  'idiot',
  'idiots',
  'moron',
  'morons',
  'imbecile',
  'retard',
  'retarded',
  'scum',
  'scumbag',
  'scumbags',
  'dumbass',
]);
const MASKED = /\b(f[*#@$]{1,3}(k|ck|king)|sh[*#@$!]t|b[*#@$]tch|a[*#@$]{2}hole)\b/i;

function abusive(text: string): boolean {
  if (MASKED.test(text)) return true;
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => ABUSIVE_WORDS.has(w));
}

/**
 * The words the rules look for, so that a misspelling of one ("lawyyer", "chareback", "a rral person") is read
 * as the word before the rules read the text a second time (`spellingMender`). Kept beside the patterns above:
 * a word added to a pattern belongs here too.
 */
export const RULE_WORDS: readonly string[] = [
  ...`close delete deactivate terminate cancel remove erase account closed deleted wipe purge data personal
    information details forgotten erasure lawyer lawyers attorney attorneys solicitor solicitors lawsuit lawsuits
    legal action proceedings litigation claims suing court chargeback chargebacks charge dispute disputing reverse
    reversing bank issuer credit card company better business bureau federal trade commission general consumer
    protection trading standards ombudsman financial real actual live human person agent representative manager
    supervisor someone somebody employee staff member speak talk chat connect transfer through people being
    support help escalate team lead want need operator call ring phone customer service please more stop robot
    machine automated reply replies response responses answer answers message messages bots smell smells
    smelled smelling burning burnt burned smoke smoky melting melted plastic odour fire caught catching flames
    smoking sparking overheat overheats overheated overheating exploded explodes exploding electric electrical
    shock shocked injured injury injuries`.split(/\s+/),
  ...ABUSIVE_WORDS,
].filter((w) => w.length >= 4);

/** "$450.00", or "EUR 5000.00 (counted as $7000.00)" for another currency. */
function describe(amount: Amount): string {
  if (amount.currency === 'USD') return `$${amount.value.toFixed(2)}`;
  return `${amount.currency} ${amount.value.toFixed(2)} (counted as $${amount.usd.toFixed(2)})`;
}

/** The hard rules, in the order they are reported. Each is pure and cheap; any hit escalates. */
export const HARD_RULES: readonly HardRule[] = [
  {
    id: 'money_over_limit',
    check(text, opts) {
      let top: Amount | undefined;
      for (const claim of moneyClaims(text)) if (!top || claim.usd > top.usd) top = claim;
      return top && top.usd > opts.escalateAmountUsd
        ? `refund, charge or compensation of ${describe(top)} is over the $${opts.escalateAmountUsd} limit`
        : null;
    },
  },
  { id: 'account_closure', check: (t) => (closesAccount(t) ? 'asks to close or delete the account' : null) },
  {
    id: 'legal_threat',
    check: (t) => (legalThreat(t) ? 'mentions a lawyer, a lawsuit or legal action' : null),
  },
  { id: 'chargeback', check: (t) => (chargeback(t) ? 'mentions a chargeback or a bank dispute' : null) },
  { id: 'regulator', check: (t) => (regulator(t) ? 'mentions a regulator or consumer body' : null) },
  { id: 'human_requested', check: (t) => (wantsHuman(t) ? 'asks for a human agent' : null) },
  { id: 'abusive_language', check: (t) => (abusive(t) ? 'abusive language' : null) },
  {
    id: 'safety_hazard',
    check: (t) => (safetyHazard(t) ? 'reports an item that overheats, burns, sparks or hurt someone' : null),
  },
];

/**
 * Every hard rule that fires on the text; reasons name the rule, never quote the customer. With `mend`, the
 * rules also read the text with its misspellings mended: a rule that fires only then says so in its reason.
 */
export function checkHardRules(
  text: string,
  opts: HardRuleOptions & { mend?: (text: string) => string },
  rules: readonly HardRule[] = HARD_RULES,
): RuleHit[] {
  const mended = opts.mend?.(text);
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const reason = rule.check(text, opts);
    if (reason !== null) hits.push({ id: rule.id, reason });
    else if (mended !== undefined && mended !== text) {
      const misspelt = rule.check(mended, opts);
      if (misspelt !== null) hits.push({ id: rule.id, reason: `${misspelt} (misspelt)` });
    }
  }
  return hits;
}
