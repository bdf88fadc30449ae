// A message that only thanks or acknowledges ("thank you!", "ok great, thanks a lot", "perfect 👍"): sent after a
// reply, it asks nothing and needs no person. Read word by word against what such messages are made of, so
// anything else ("thanks for nothing", "thanks, but when will it ship?", "no thanks") is not one.

/** Words that thank. */
const THANKS = new Set([
  'thanks',
  'thank',
  'thankyou',
  'thanx',
  'thx',
  'ty',
  'tysm',
  'cheers',
  'appreciated',
]);

/** Words that acknowledge an answer by themselves: "ok", "great", "perfect". */
const ACKNOWLEDGING = new Set([
  'ok',
  'okay',
  'k',
  'kk',
  'great',
  'perfect',
  'awesome',
  'excellent',
  'brilliant',
  'cool',
  'nice',
  'noted',
  'understood',
  'alright',
  'lovely',
  'wonderful',
  'super',
  'fantastic',
  'amazing',
]);

/** Words that may stand beside the thanks: acknowledgements, intensifiers, farewells, greetings of the day. */
const BESIDE = new Set([
  ...ACKNOWLEDGING,
  'you',
  'u',
  'so',
  'very',
  'much',
  'a',
  'lot',
  'lots',
  'again',
  'many',
  'for',
  'the',
  'your',
  'help',
  'info',
  'information',
  'reply',
  'answer',
  'quick',
  'good',
  'got',
  'it',
  'that',
  'thats',
  'helps',
  'helped',
  'helpful',
  'all',
  'clear',
  'makes',
  'sense',
  'i',
  'we',
  'appreciate',
  'really',
  'have',
  'day',
  'weekend',
  'evening',
  'bye',
  'mate',
  'guys',
  'team',
  'sorted',
  'oh',
  'ah',
  'fine',
  'sure',
  'will',
  'do',
  'wait',
  'then',
  'and',
]);

/**
 * A short courtesy message's words, lower case, apostrophes dropped ("you're" is "youre"), emoji and punctuation
 * left out; null when it has none. The readers of such messages compare them with their word lists.
 */
export function courtesyWords(text: string): string[] | null {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .match(/[a-z]+/g);
}

/**
 * The message only thanks, with at most acknowledgements, farewells and emoji beside it: every word is one of
 * `THANKS` or `BESIDE`, one of them thanks, no question mark, and no more than twelve words.
 */
export function thanksOnly(text: string): boolean {
  if (text.includes('?')) return false;
  const words = courtesyWords(text);
  if (!words || words.length > 12) return false;
  return words.some((w) => THANKS.has(w)) && words.every((w) => THANKS.has(w) || BESIDE.has(w));
}

/** Phrases that acknowledge as well: "got it", "makes sense", "sounds good". */
const ACKNOWLEDGING_PHRASE = /\b(?:got it|makes sense|sounds good|all clear|i see)\b/;
/** Words that may stand beside an acknowledgement. */
const ACKNOWLEDGING_BESIDE = new Set([
  'got',
  'it',
  'that',
  'thats',
  'makes',
  'sense',
  'sounds',
  'good',
  'all',
  'clear',
  'oh',
  'ah',
  'i',
  'see',
  'then',
  'very',
]);
/** Emoji a customer answers with to say "fine": thumbs up, OK hand, folded hands, check mark, a smile. */
const ACKNOWLEDGING_EMOJI =
  /^(?:[\s!.]|\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u{1F642}|\u{1F60A}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F)+$/u;

/**
 * The message only acknowledges, with no thanks word: "ok", "great", "got it", "perfect 👍", "👍". At most five
 * words and no question mark; "ok but when?" and "fine." (often said through gritted teeth) are not.
 */
export function acknowledgementOnly(text: string): boolean {
  if (text.includes('?')) return false;
  const words = courtesyWords(text);
  // Emoji alone: at least one of them, and nothing else but spaces and punctuation.
  if (!words) return ACKNOWLEDGING_EMOJI.test(text) && /[^\s!.]/u.test(text);
  if (words.length > 5) return false;
  const every = words.every((w) => ACKNOWLEDGING.has(w) || ACKNOWLEDGING_BESIDE.has(w));
  return every && (words.some((w) => ACKNOWLEDGING.has(w)) || ACKNOWLEDGING_PHRASE.test(words.join(' ')));
}
