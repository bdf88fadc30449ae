import { parse, NodeType } from 'node-html-parser';
import type { Node, HTMLElement } from 'node-html-parser';

export interface Section {
  /** Heading texts from the outermost heading down to this section's own heading. */
  path: string[];
  /** Block texts (paragraphs, list items, table rows) in document order. */
  blocks: string[];
}

const HEADING = /^h([1-6])$/;
// Elements that end a run of text: their content becomes its own block.
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
  'br',
  'form',
  'fieldset',
  'address',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'button']);
const CELL = new Set(['td', 'th']);

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits an HTML body into heading sections. A heading closes every open heading at its level or deeper,
 * so the path of "h2 Returns / h3 Refund timing" is ["Returns", "Refund timing"]. A leading heading that
 * repeats the article title is dropped from paths: the title is stored on every chunk anyway.
 */
export function htmlSections(html: string, title: string): Section[] {
  const root = parse(html, { comment: false, blockTextElements: { pre: true } });
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Section = { path: [], blocks: [] };
  let buffer = '';
  let prefix = '';

  const flush = (): void => {
    const text = clean(buffer);
    buffer = '';
    if (!text) return;
    current.blocks.push(prefix + text);
    prefix = '';
  };
  const startSection = (level: number, text: string): void => {
    flush();
    if (current.blocks.length > 0) sections.push(current);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    const isTitle =
      stack.length === 0 &&
      sections.length === 0 &&
      current.blocks.length === 0 &&
      clean(text).toLowerCase() === clean(title).toLowerCase();
    if (!isTitle && text) stack.push({ level, text });
    current = { path: stack.map((s) => s.text), blocks: [] };
  };

  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += ` ${node.text}`;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag)) return;
    const heading = HEADING.exec(tag);
    if (heading) {
      startSection(Number(heading[1]), clean(el.text));
      return;
    }
    if (tag === 'img') {
      const alt = el.getAttribute('alt');
      if (alt) buffer += ` ${alt}`;
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'li') prefix = '- ';
    if (CELL.has(tag) && buffer.trim()) buffer += ' |';
    for (const child of el.childNodes) walk(child);
    if (block) flush();
    if (tag === 'li') prefix = '';
  };

  walk(root);
  flush();
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}
