// English number words, for amounts written out ("two hundred and fifty", "five grand", "1.5 million").

const UNITS: ReadonlyMap<string, number> = new Map(
  [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
  ].map((w, i) => [w, i]),
);

const TENS: ReadonlyMap<string, number> = new Map(
  ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [
    w,
    (i + 2) * 10,
  ]),
);

/** Multipliers that close a group: "five thousand", "$2m", "5k", "two grand". */
const SCALES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3],
  ['k', 1e3],
  ['grand', 1e3],
  ['million', 1e6],
  ['mil', 1e6],
  ['mln', 1e6],
  ['mn', 1e6],
  ['m', 1e6],
  ['mm', 1e6],
  ['billion', 1e9],
  ['bn', 1e9],
]);

export type NumberWord =
  { kind: 'unit' | 'tens'; value: number } | { kind: 'hundred' } | { kind: 'scale'; value: number };

/** What a lower-case word means in a written number, if anything. */
export function numberWord(word: string): NumberWord | null {
  const unit = UNITS.get(word);
  if (unit !== undefined) return { kind: 'unit', value: unit };
  const tens = TENS.get(word);
  if (tens !== undefined) return { kind: 'tens', value: tens };
  if (word === 'hundred') return { kind: 'hundred' };
  const scale = SCALES.get(word);
  return scale === undefined ? null : { kind: 'scale', value: scale };
}

/**
 * A written number built atom by atom, as English reads it: "twenty five hundred" is 2,500, "two hundred and
 * fifty" 250, "1.5 million" 1,500,000. `add` refuses an atom that cannot come next ("five five", "thousand
 * million"), which ends the number there.
 */
export class WrittenNumber {
  private total = 0;
  private current = 0;
  private lastScale = Infinity;
  private last: NumberWord['kind'] | 'digits' | 'article' | null = null;

  get value(): number {
    return this.total + this.current;
  }

  /** True once anything was read. */
  get started(): boolean {
    return this.last !== null;
  }

  /** The last atom was a scale or "hundred", after which "and" may join ("two hundred and fifty"). */
  get joinable(): boolean {
    return this.last === 'scale' || this.last === 'hundred';
  }

  /** Digits start a number; they never follow words. */
  addDigits(value: number): boolean {
    if (this.last !== null) return false;
    this.current = value;
    this.last = 'digits';
    return true;
  }

  /** "a"/"an" before "hundred", "thousand", "grand"...: one of them. */
  addArticle(): boolean {
    if (this.last !== null) return false;
    this.current = 1;
    this.last = 'article';
    return true;
  }

  add(word: NumberWord): boolean {
    switch (word.kind) {
      case 'unit':
        // After nothing, a hundred or a scale ("five", "hundred five"), or after tens ("twenty five").
        if (this.last === 'digits' || this.last === 'article' || this.last === 'unit') return false;
        if (this.last === 'tens' && (word.value === 0 || word.value > 9)) return false;
        this.current += word.value;
        break;
      case 'tens':
        if (this.last === 'digits' || this.last === 'article' || this.last === 'unit' || this.last === 'tens')
          return false;
        this.current += word.value;
        break;
      case 'hundred':
        // "twelve hundred", "a hundred", "5 hundred"; never twice in one group.
        if (this.current <= 0 || this.current >= 100 || this.last === 'hundred' || this.last === 'scale')
          return false;
        this.current *= 100;
        break;
      case 'scale':
        if (this.current <= 0 || word.value >= this.lastScale) return false;
        this.total += this.current * word.value;
        this.current = 0;
        this.lastScale = word.value;
        break;
    }
    this.last = word.kind;
    return true;
  }
}
