// A message that only greets or makes small talk ("hey how's your day going? 😊", "hello, anyone there?", "good
// morning team, hope you're well"): it asks nothing of the store, so no help-centre section answers it, however
// well a word of it ("day") matches one. Read word by word, like `thanksOnly`: any other word ("hi, how are you?
// where is my order?", "how are returns handled?") makes it a message of substance.

import { readableText, withoutCourtesy } from './normalise.js';
import { courtesyWords } from './thanks-only.js';

/** Words that greet. */
const GREETING = new Set([
  'hi',
  'hii',
  'hello',
  'helo',
  'hey',
  'heya',
  'hiya',
  'howdy',
  'yo',
  'greetings',
  'morning',
  'afternoon',
  'evening',
]);

/** Words small talk and greetings are made of. */
const SMALL_TALK = new Set([
  ...GREETING,
  'good',
  'there',
  'team',
  'guys',
  'all',
  'everyone',
  'folks',
  'friends',
  'how',
  'hows',
  'are',
  'r',
  'is',
  'you',
  'u',
  'ya',
  'your',
  'youre',
  'ur',
  'hope',
  'hoping',
  'doing',
  'going',
  'today',
  'things',
  'life',
  'it',
  'its',
  'well',
  'fine',
  'great',
  'ok',
  'okay',
  'whats',
  'what',
  'up',
  'sup',
  'have',
  'has',
  'been',
  'day',
  'week',
  'weekend',
  'the',
  'this',
  'so',
  'far',
  'lovely',
  'nice',
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'here',
  'around',
  'and',
  'i',
  'im',
  'am',
  'just',
  'wanted',
  'to',
  'say',
]);

/** Phrases that make small talk: asking after someone, hoping they are well, asking whether anyone is there. */
const SMALL_TALK_PHRASE =
  /\b(?:how (?:are|r) (?:you|u|ya|things)|hows (?:it going|your (?:day|week|weekend|morning|evening)|things|everyone|life)|how is (?:it going|your (?:day|week|weekend)|everyone)|how have you been|whats up|sup|hope (?:you are|youre|ur|u r|you re|all is|everyone is|you have|your day is)|is (?:any|some)(?:one|body) (?:there|here|around)|(?:any|some)(?:one|body) (?:there|here|around))\b/;

/** At most this many words: small talk is short; a longer message says more than it. */
const MAX_WORDS = 14;

/**
 * The message only greets or makes small talk: every word is a greeting or small talk's, at most fourteen
 * words, and it greets or asks after someone ("how are you", "hope you're well", "anyone there?"). A sign-off
 * and the name under it are no words of it ("how's your day going? Thanks, Emma"): they are read without.
 */
export function smallTalkOnly(text: string): boolean {
  const words = courtesyWords(withoutCourtesy(readableText(text)));
  if (!words || words.length > MAX_WORDS) return false;
  if (!words.every((w) => SMALL_TALK.has(w))) return false;
  return words.some((w) => GREETING.has(w)) || SMALL_TALK_PHRASE.test(words.join(' '));
}
