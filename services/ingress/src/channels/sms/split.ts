import { cutNear, TRUNCATION_MARK } from '../text.js';

/** The longest body Twilio's Messages API accepts; it sends a longer-than-160 body as one concatenated SMS. */
export const SMS_MAX_CHARS = 1600;

/** Room kept at the end of each part of a split reply for its ` (2/3)` counter. */
const COUNTER_ROOM = 8;

/**
 * The messages a reply is sent as. One message when it fits in `maxChars`; otherwise parts of at most
 * `maxChars` cut at a paragraph, line or word boundary and numbered ` (1/3)`, at most `maxParts` of them:
 * beyond that the last part is cut short and ends with `[message truncated]`.
 */
export function smsParts(body: string, maxParts: number, maxChars: number = SMS_MAX_CHARS): string[] {
  if (body.length <= maxChars) return [body];
  const room = maxChars - COUNTER_ROOM;
  const parts: string[] = [];
  let rest = body.trim();
  while (rest.length > 0) {
    if (parts.length === maxParts - 1 && rest.length > room) {
      parts.push(`${cutNear(rest, room - TRUNCATION_MARK.length)}${TRUNCATION_MARK}`);
      break;
    }
    const part = rest.length <= room ? rest : cutParagraph(rest, room);
    parts.push(part);
    rest = rest.slice(part.length).trim();
  }
  return parts.length === 1 ? parts : parts.map((p, i) => `${p} (${i + 1}/${parts.length})`);
}

/** The longest head of `text` within `room` ending at a paragraph break in its second half, else as cutNear. */
function cutParagraph(text: string, room: number): string {
  const at = text.slice(0, room).lastIndexOf('\n\n');
  return at >= room / 2 ? text.slice(0, at) : cutNear(text, room);
}
