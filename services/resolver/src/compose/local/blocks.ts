// A help-centre section as its author laid it out: paragraphs, lists and tables. Ingestion keeps each
// paragraph, list item and table row of a section on a line of its own (`- ` marks an item, ` | ` separates
// cells), so a section can be quoted in whole blocks: a list or a procedure with all its steps in order, a
// table with its header row, never a sentence torn out of its step.
import { tidy } from '../text.js';

export interface Block {
  kind: 'paragraph' | 'list' | 'table';
  /** Indices of the passage lines the block holds, in order (a table's header row first). */
  lines: number[];
  /** A table's header row (a line index), when it has one. */
  header?: number;
  /** The paragraph that introduces a list ("To reset your password:"): quoted with the list. */
  intro?: number;
}

const ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;
const ROW = / \| /;

/** A table's first row names its columns: a row followed by another, without sentence punctuation. */
const isHeader = (row: string, next: string | undefined): boolean =>
  ROW.test(next ?? '') && !/[.;!?]/.test(row);

/** The passage's blocks in order. Consecutive items form one list and consecutive rows one table. */
export function blocksOf(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    if (!tidy(line)) return;
    const kind: Block['kind'] = ITEM.test(line) ? 'list' : ROW.test(line) ? 'table' : 'paragraph';
    const last = blocks[blocks.length - 1];
    const continues = last && kind !== 'paragraph' && last.kind === kind && last.lines.at(-1) === i - 1;
    if (continues) {
      last.lines.push(i);
      return;
    }
    const block: Block = { kind, lines: [i] };
    if (kind === 'table' && isHeader(line, lines[i + 1])) block.header = i;
    // "Choose one of:" or "Do this:" right before a list introduces it.
    if (
      kind === 'list' &&
      last?.kind === 'paragraph' &&
      last.lines[0] === i - 1 &&
      /:\s*$/.test(lines[i - 1]!)
    )
      block.intro = i - 1;
    blocks.push(block);
  });
  return blocks;
}

/** A passage line as it is quoted: verbatim, spacing tidied. */
export function lineText(text: string, line: number): string {
  return tidy(text.split('\n')[line] ?? '');
}
