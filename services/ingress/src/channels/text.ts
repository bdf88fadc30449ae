// C0 controls other than tab and line feed, DEL and C1 controls, and unpaired surrogate halves. The JSON
// API refuses them (a caller can fix its request); a provider's email or SMS cannot be fixed by anyone, so
// a channel drops them instead: they are never part of what a person wrote.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNWRITTEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Surrogate}/gu;

export const TRUNCATION_MARK = '\n[message truncated]';

/**
 * A channel's text as a ticket stores it: line ends as `\n`, no control characters, runs of blank lines
 * cut to one, trimmed, and at most `max` characters (longer text is cut at a line or word boundary near
 * the limit and marked, rather than refused: the customer cannot resend a shorter email).
 */
export function channelText(raw: string, max: number): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(UNWRITTEN, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length <= max) return text;
  const room = max - TRUNCATION_MARK.length;
  return `${cutNear(text, room)}${TRUNCATION_MARK}`;
}

/** One line of text (a subject): whitespace runs, line breaks included, become one space. */
export function channelLine(raw: string, max: number): string {
  return channelText(raw.replace(/\s+/g, ' '), Number.MAX_SAFE_INTEGER).slice(0, max).trim();
}

/** `text` cut to at most `room` characters, at the last line break or space in its final fifth if any. */
export function cutNear(text: string, room: number): string {
  if (text.length <= room) return text;
  const head = text.slice(0, room);
  const floor = Math.floor(room * 0.8);
  for (const sep of ['\n', ' ']) {
    const at = head.lastIndexOf(sep);
    if (at >= floor) return head.slice(0, at).trimEnd();
  }
  // Never split a surrogate pair.
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}
