import { compile } from 'html-to-text';

// Deeper elements are dropped: html-to-text walks the tree recursively, and a few thousand nested tags would
// otherwise exhaust the stack. No message a person wrote nests this deep.
const MAX_DEPTH = 200;

let converter: { maxChars: number; convert: (html: string) => string } | undefined;

/**
 * The text of an HTML body, reading at most `maxChars` characters of it: what the customer wrote is at the top
 * (the quoted conversation and newsletters' bulk below), so the work is bounded without refusing the email.
 * Lines are not wrapped (the ticket keeps paragraphs whole), quoted blocks become `> ` lines for the reply
 * parser, and images are left out.
 */
export function htmlToText(html: string, maxChars: number): string {
  if (converter?.maxChars !== maxChars) {
    converter = {
      maxChars,
      convert: compile({
        wordwrap: false,
        // Already cut below; at the limit html-to-text would cut again and write a warning to stderr.
        limits: { maxInputLength: maxChars, maxDepth: MAX_DEPTH },
        selectors: [{ selector: 'img', format: 'skip' }],
      }),
    };
  }
  return converter.convert(html.length > maxChars ? html.slice(0, maxChars) : html);
}
