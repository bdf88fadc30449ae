// What a ticket asks, without its courtesy: greetings, sign-offs and the names and signatures after them say
// nothing about which help-centre section answers it, but their words ("thanks", a name) would still be
// matched against sections. Pure text rules over English courtesy words.
import { analyse } from '@parley/knowledge/text';
import { readableText, withoutCourtesy } from '@parley/wording';

const GREETING_WORDS =
  '(?:hi|hello|hey|hiya|howdy|dear|greetings|good\\s+(?:morning|afternoon|evening|day)|yo)';
/** A line that is only a greeting: "Hi there,", "Hello team!", "Dear Support,". */
const GREETING_LINE = new RegExp(`^${GREETING_WORDS}\\b[\\p{L}\\s'.-]{0,30}[,!.:]?$`, 'iu');
/** A greeting that opens a line with more after it: "Hi, the manufacturer wants ...", "Hello! Quick question". */
const GREETING_PREFIX = new RegExp(
  `^${GREETING_WORDS}(?:\\s+(?:there|team|all|everyone|guys|folks|support|[A-Z][\\p{L}'-]*))?\\s*[,!.:]\\s+`,
  'iu',
);
const SIGN_OFF_WORDS =
  '(?:thanks|thank\\s+you|thanks\\s+a\\s+lot|many\\s+thanks|thanks\\s+in\\s+advance|thank\\s+you\\s+in\\s+advance|thx|ty|cheers|regards|best|best\\s+regards|kind\\s+regards|warm\\s+regards|all\\s+the\\s+best|sincerely|yours(?:\\s+sincerely|\\s+truly)?|ta|talk\\s+soon|take\\s+care)';
/** A line that is only a sign-off, maybe with a name: "Thanks,", "Best regards, Priya", "Cheers!". */
const SIGN_OFF_LINE = new RegExp(
  `^${SIGN_OFF_WORDS}(?:\\s*(?:so\\s+much|again))?[,!.]*(?:\\s+[\\p{L}'.-]+){0,3}[.!]?$`,
  'iu',
);
/** A sign-off closing the last line: "... Can you send me something? Thanks, Isabella". */
const SIGN_OFF_TAIL = new RegExp(
  `(?<=[.!?])\\s+${SIGN_OFF_WORDS}(?:\\s*(?:so\\s+much|again))?[,!.]*(?:\\s+[A-Z][\\p{L}'-]*){0,2}[.!]?$`,
  'iu',
);
/** Lines a mail program adds below the message. */
const SIGNATURE = /^(?:--\s*|sent from my [\w\s]+|get outlook for \w+)$/i;
/** A short line that can be a name or a signature block under a sign-off ("Priya", "Tom K."). */
const NAME_LINE = /^[\p{L}'.-]+(?:\s+[\p{L}'.-]+){0,3}$/u;

/**
 * The ticket's question without greeting lines, a leading "Hi," or "Hello!", a sign-off and whatever follows
 * it (name, signature), and a sign-off at the end of the last line. Quoted lines ("> ...") keep their text
 * without the marker: what the customer quotes is usually what they ask about. When nothing is left (a
 * message that is only courtesy), the text is returned unchanged.
 */
export function questionCore(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:>\s*)+/, '').trim())
    .filter((l) => l.length > 0);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE.test(line)) break;
    if (SIGN_OFF_LINE.test(line) && lines.slice(i + 1).every((l) => NAME_LINE.test(l) || SIGNATURE.test(l)))
      break;
    if (GREETING_LINE.test(line)) continue;
    kept.push(kept.length === 0 ? line.replace(GREETING_PREFIX, '') : line);
  }
  if (kept.length > 0) kept[kept.length - 1] = kept[kept.length - 1]!.replace(SIGN_OFF_TAIL, '');
  // What the lines above leave, the shared rules finish: stacked greetings, thanks with no punctuation before, a
  // name signed alone and chat shorthand (`readableText`), as the router and retrieval read them.
  const core = withoutCourtesy(readableText(kept.join('\n'))).trim();
  return core.length > 0 ? core : text.trim();
}

export interface Ask {
  /** The sentences of one question: the statements that lead up to it and the question itself. */
  text: string;
  /** The question sentence(s) alone; the statements before them are context. */
  question: string;
}

/** Words that do not make a question of their own ("what do I do now?"). */
const FILLER = new Set(['now', 'then', 'els', 'anywai', 'yet', 'ever', 'right', 'next', 'exactli', 'pleas']);

const SENTENCE_END = /(?<=[.!?])\s+|\n+/;
/** A sentence worded as a question, whether or not it ends in "?" ("and will my bank charge me extra"). */
const QUESTION_START =
  /^(?:(?:and|also|but|so|or)\s+)?(?:what|how|when|where|why|which|who|whose|can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|am)\b/i;
const isQuestion = (s: string) => s.endsWith('?') || QUESTION_START.test(s);

/**
 * The questions a message asks, in order. Every sentence ending in "?" or worded as a question ("how do I",
 * "and will my bank") closes one question, together with
 * the statements written since the previous one (they set it up: "I placed an order this morning. Can I
 * upgrade it?"); statements after the last question belong to it. A message without a question mark is one
 * question. A question with no words of its own ("What do I do now?") stays with the statements before it.
 */
export function asksOf(core: string): Ask[] {
  const hasContent = (text: string) => analyse(text).some((t) => !FILLER.has(t));
  const sentences = core
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  const asks: Ask[] = [];
  let context: string[] = [];
  for (const s of sentences) {
    if (!isQuestion(s)) {
      context.push(s);
      continue;
    }
    const last = asks[asks.length - 1];
    if (!hasContent(s) && context.length === 0 && last) {
      last.text = `${last.text} ${s}`;
      last.question = `${last.question} ${s}`;
      continue;
    }
    asks.push({ text: [...context, s].join(' '), question: hasContent(s) ? s : [...context, s].join(' ') });
    context = [];
  }
  if (context.length > 0) {
    const last = asks[asks.length - 1];
    if (last) last.text = `${last.text} ${context.join(' ')}`;
    else asks.push({ text: context.join(' '), question: context.join(' ') });
  }
  return asks.filter((a) => hasContent(a.text));
}
