// Text helpers shared by composing and grounding checks: sentence units and content terms.

const STOP = new Set(
  `a an the and or but if then so of to in on at by for with from as is are was were be been being it its this that
  these those i me my we our you your he she they them their do does did have has had can could would should will
  shall may might must not no yes please thanks thank hi hello hey there what when where which who why how about
  into out up down over just any some all more most other such only own same too very s t don now get got im ive
  want need like know tell let would also still one something anything everything thing things stuff`.split(
    /\s+/,
  ),
);

/** Light suffix stripping: enough to match "cancelled"/"cancel" and "packages"/"package" without a stemmer. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2).replace(/(.)\1$/, '$1');
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w) && w.length > 1).map(stem);
}

/** Tidies spacing left by HTML extraction ("processed ," -> "processed,"), nothing else. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?)])/g, '$1')
    .trim();
}

/** Comparable form for "is this sentence in that passage": tidy, lower-case. */
export function normal(text: string): string {
  return tidy(text).toLowerCase();
}

/** Splits prose into sentences; keeps the terminal punctuation. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const clean = tidy(line);
    if (!clean) continue;
    for (const s of clean.split(/(?<=[.!?])\s+(?=["'(#A-Z0-9])/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

export interface Unit {
  /** Verbatim text (tidied) from the passage. */
  text: string;
  /** For a table row or a "label : text" list item, the row's label (e.g. a status name). */
  label?: string;
  /** For a numbered or bulleted item: the id of its list (consecutive item lines share one), so steps stay together. */
  list?: number;
  /** Index of the passage line the unit comes from, so an item or a table row can be quoted whole. */
  line?: number;
  /** The line is a table row. */
  row?: boolean;
}

/**
 * A passage's quotable units: one per sentence of each line; list markers dropped; a table row
 * becomes its cells' sentences labelled with the first cell; header rows dropped.
 */
export function passageUnits(passageText: string): Unit[] {
  const units: Unit[] = [];
  const lines = passageText.split('\n');
  let list = 0;
  let previousItem = false;
  lines.forEach((raw, i) => {
    const marker = /^\s*(?:[-*•]|\d+\.)\s+/;
    const item = marker.test(raw);
    if (item && !previousItem) list += 1;
    previousItem = item;
    const at = item ? { list, line: i } : { line: i };
    const line = raw.replace(marker, '');
    if (line.includes(' | ')) {
      const cells = line.split(' | ').map((c) => tidy(c));
      const next = lines[i + 1] ?? '';
      // A header row is followed by a row and has no sentence punctuation.
      if (i === 0 && next.includes(' | ') && !/[.;]/.test(line)) return;
      const label = cells[0]!;
      for (const cell of cells.slice(1))
        for (const s of sentences(cell)) units.push({ text: s, label, ...at, row: true });
      return;
    }
    const labelled = /^([^:.]{2,40}?)\s+:\s+(.+)$/.exec(line);
    if (labelled) {
      for (const s of sentences(labelled[2]!)) units.push({ text: s, label: tidy(labelled[1]!), ...at });
      return;
    }
    for (const s of sentences(line)) units.push({ text: s, ...at });
  });
  return units.filter((u) => u.text.length > 3);
}
