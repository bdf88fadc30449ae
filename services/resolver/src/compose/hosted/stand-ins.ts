/**
 * Stand-ins for values a model must quote or pass back exactly but that must not reach it as they are: long digit
 * runs (tracking numbers, item and product ids), which PII redaction takes for phone numbers and blanks, and the
 * customer's user id, which spells their name. The model sees `TRACKING_1`, `ITEM_2`, `CUSTOMER_1`; the real values
 * go back into its tool calls before they run and into its answer before the grounding check.
 */
export type StandInKind = 'TRACKING' | 'ITEM' | 'PRODUCT' | 'CUSTOMER';

const TOKEN = /\b(?:TRACKING|ITEM|PRODUCT|CUSTOMER)_\d+\b/g;

export class StandIns {
  readonly #values = new Map<string, string>();
  readonly #tokens = new Map<string, string>();
  readonly #counts = new Map<StandInKind, number>();

  /** The token for `value`; the same value always gets the same token within one turn. */
  token(kind: StandInKind, value: string): string {
    const key = `${kind}\u0000${value}`;
    const known = this.#tokens.get(key);
    if (known) return known;
    const n = (this.#counts.get(kind) ?? 0) + 1;
    this.#counts.set(kind, n);
    const token = `${kind}_${n}`;
    this.#tokens.set(key, token);
    this.#values.set(token, value);
    return token;
  }

  /** Puts the real values back where the text has tokens; tokens never given out are left as written. */
  restore(text: string): string {
    return text.replace(TOKEN, (t) => this.#values.get(t) ?? t);
  }

  /** `restore` over every string in a JSON value (a tool call's input). */
  restoreDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.restore(value);
    if (Array.isArray(value)) return value.map((v) => this.restoreDeep(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.restoreDeep(v)]));
    }
    return value;
  }

  /** Writes the tokens over the values that have one (a refusal message naming an item the model passed). */
  mask(text: string): string {
    const values = [...this.#values].sort(([, a], [, b]) => b.length - a.length);
    return values.reduce((out, [token, value]) => out.split(value).join(token), text);
  }
}
