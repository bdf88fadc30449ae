import type { OwnItem } from './read-back.js';
import { detailsFit } from './read-back.js';
import type { CustomerTask } from './tasks.js';
import type { Wants } from './voice.js';
import { firstPerson, readInstruction } from './voice.js';

// A deterministic simulated customer. It is scripted from the task's instruction and from what the customer can
// see of their own account (their orders: number, status, items), and from nothing else: it never sees the
// task's expected actions. It opens the ticket, answers what the assistant asks, says yes to a read-back that
// matches what it wants and no otherwise, then asks for its next request or stops.

export interface OwnOrder {
  id: string;
  status: string;
  items: OwnItem[];
}

export interface Opening {
  customer: { name: string; email?: string };
  subject: string;
  body: string;
}

const GREETINGS = ['Hi,', 'Hello,', 'Hi there,', ''];
// How customers say yes to a read-back, plain or chatty.
const YES = [
  'yes',
  'Yes, please go ahead.',
  'yes please',
  'Yes, confirm.',
  'Yep, that is correct.',
  'sure thing',
  "That's right, go ahead.",
  'yes, thank you very much for your help',
  'Yes, please proceed with the change.',
  'Yes, those details are correct. Please proceed.',
];
const THANKS = ['', ' Thanks!', ' Thank you.', ''];

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]+/g) ?? []);
const singular = (w: string) => (w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/** The customer's orders holding an item whose product name's last word they wrote ("kettle", "mouse"). */
function ordersAbout(text: string, orders: readonly OwnOrder[]): OwnOrder[] {
  const said = new Set([...words(text)].map(singular));
  return orders.filter((o) =>
    o.items.some((i) =>
      said.has(
        singular(
          i.name
            .toLowerCase()
            .split(/[\s-]+/)
            .at(-1) ?? '',
        ),
      ),
    ),
  );
}

const headOf = (name: string) =>
  singular(
    name
      .toLowerCase()
      .split(/[\s-]+/)
      .at(-1) ?? '',
  );

/**
 * The names of the customer's items their words name: by the last word of the name ("kettle"), outside the
 * option lists they wrote ("(compartment laptop)" names no laptop), and, when they wrote an item's whole name
 * ("Electric Kettle"), not the other items sharing its last word ("Tea Kettle").
 */
export function namedItems(text: string, orders: readonly OwnOrder[]): string[] {
  const bare = text.replace(/\([^()]*\)/g, ' ');
  const said = new Set([...words(bare)].map(singular));
  const lower = bare.toLowerCase();
  const names = [...new Set(orders.flatMap((o) => o.items.map((i) => i.name)))];
  return names.filter((name) => {
    const head = headOf(name);
    if (!said.has(head)) return false;
    const written = names.filter((n) => headOf(n) === head && lower.includes(n.toLowerCase()));
    return written.length === 0 || written.includes(name);
  });
}

export class SimulatedCustomer {
  readonly wants: Wants;
  private readonly seed: number;
  private request = 0;
  private confirmed = false;
  done = false;

  constructor(
    task: CustomerTask,
    private readonly orders: readonly OwnOrder[],
    private readonly trial: number,
  ) {
    this.wants = readInstruction(task.instruction);
    this.seed = seedOf(task.instruction) + trial;
  }

  private pick<T>(list: readonly T[], salt = 0): T {
    return list[(this.seed + salt) % list.length]!;
  }

  private get current(): string {
    return this.wants.requests[this.request] ?? '';
  }

  /**
   * Trials 2 and 3 are customers in a hurry: only a first name typed at the edge (a chat widget's name field),
   * and who they are answered as bare details ("Ann Lee, 12345") rather than in a sentence.
   */
  private get hurried(): boolean {
    return this.trial % 4 >= 2;
  }

  private identity(): string {
    const { name, zip, emails } = this.wants;
    if (zip) return this.hurried ? `${name}, ${zip}` : `My name is ${name} and my ZIP code is ${zip}.`;
    if (emails.length > 0)
      return this.hurried ? emails.join(' or ') : `My name is ${name}, my email is ${emails.join(' or ')}.`;
    return `My name is ${name}.`;
  }

  /** The first message: the first request, with who they are up front on some trials. */
  opening(): Opening {
    const { name, emails, zip } = this.wants;
    const email = emails.length === 1 ? emails[0] : undefined;
    const upfront = this.trial % 2 === 1 && zip ? ` ${this.identity()}` : '';
    const greeting = this.pick(GREETINGS);
    const body =
      `${greeting ? `${greeting}\n\n` : ''}${this.current}${upfront}${this.pick(THANKS, 1)}`.trim();
    return {
      customer: { name: this.hurried ? name.split(' ')[0]! : name, ...(email ? { email } : {}) },
      subject: this.current.split(/[.;,]/)[0]!.slice(0, 80) || 'Help with my order',
      body,
    };
  }

  /**
   * Whether the read-back is what this customer asked for: the order they named, the kind of change, and in
   * detail every item, option and payment method (`read-back.ts`).
   */
  matches(readBack: string): boolean {
    const req = [this.current, ...(this.request === 0 ? this.extra : [])].join(' ');
    // Every item of their own orders the customer named must be in it.
    for (const name of namedItems(req, this.orders))
      if (!readBack.toLowerCase().includes(name.toLowerCase())) return false;
    const named: string[] = req.match(/#W\d{7}/g) ?? [];
    if (named.length > 0 && !named.some((id) => readBack.includes(id))) return false;
    const summary = readBack.split(/details to confirm:/i)[1] ?? readBack;
    const kinds: Array<[RegExp, RegExp]> = [
      [/\bcancel/i, /^\s*Cancel\b/],
      [/\breturn/i, /^\s*Return\b/],
      [/\baddress\b/i, /^\s*(?:Ship|Change your default address)\b/],
      [/\bpayment|\bpay\b/i, /^\s*Pay\b/],
      [/\b(?:exchange|swap)\b/i, /\b(?:exchange|change)\b/],
      // The money back for an order is its return once delivered, its cancellation before.
      [/\brefund/i, /^\s*(?:Return|Cancel)\b/],
    ];
    const kind = kinds.some(([asked, said]) => asked.test(req) && said.test(summary));
    // The reason read back must be the one they gave.
    const readReason = /reason: (no longer needed|ordered by mistake)/.exec(summary)?.[1];
    const ownReason = this.statedReason(req);
    if (readReason && ownReason && !ownReason.includes(readReason.startsWith('no') ? 'no longer' : 'mistake'))
      return false;
    // Nothing recognisable: only an order the customer named makes it theirs.
    if (!kind && named.length === 0) return false;
    const items = this.orders.flatMap((o) => o.items);
    const implied = this.orders
      .filter((o) => named.includes(o.id) && o.items.length === 1)
      .flatMap((o) => o.items);
    return detailsFit(summary, req, items, this.wants.decisions, implied);
  }

  private said = new Set<string>();
  /** What the customer added to the request before confirming (it must be in the read-back too). */
  private readonly extra: string[] = [];

  /**
   * The next message to the assistant's reply, or null when the customer has nothing more to say (nothing they
   * have not said already in this request: a customer does not repeat one answer forever).
   */
  /** The last reply was a yes to a read-back (the action's outcome comes next). */
  saidYes = false;

  reply(bot: string, opts: { settled?: boolean } = {}): string | null {
    this.saidYes = false;
    const message = this.answer(bot, opts);
    if (message === null) return null;
    if (/details to confirm:/i.test(bot) || opts.settled) {
      this.said.clear();
      return message;
    }
    if (this.said.has(message)) {
      this.done = true;
      return null;
    }
    this.said.add(message);
    return message;
  }

  private answer(bot: string, opts: { settled?: boolean }): string | null {
    if (this.done) return null;
    if (opts.settled) return this.next();
    if (/details to confirm:/i.test(bot)) {
      const more = this.request === 0 ? this.wants.beforeConfirming.shift() : undefined;
      if (more) {
        this.extra.push(more);
        return more;
      }
      if (this.matches(bot)) {
        this.confirmed = true;
        this.saidYes = true;
        return this.pick(YES, this.request);
      }
      this.done = true;
      return 'No, that is not what I asked for.';
    }
    if (/email address of your account|full name and ZIP/i.test(bot)) return this.identity();
    if (/\breason\b/i.test(bot) && /no longer needed|ordered by mistake/i.test(bot)) return this.reason();
    if (/which order is it/i.test(bot)) return this.orderAnswer(bot);
    if (/refund go|which payment method/i.test(bot)) return this.paymentAnswer();
    if (/which options would you like/i.test(bot)) return this.decisionAnswer();
    if (/which items would you like/i.test(bot)) return this.itemsAnswer();
    if (/new address/i.test(bot)) return this.addressAnswer();
    if (/what would you like to change in the order/i.test(bot)) return this.current;
    this.done = true;
    return null;
  }

  /** After an action's outcome: the next request, or nothing. */
  private next(): string | null {
    if (!this.confirmed) return null;
    this.confirmed = false;
    this.request += 1;
    if (this.request >= this.wants.requests.length) {
      this.done = true;
      return null;
    }
    return this.current;
  }

  /** Why they cancel: what this request says, else what the instruction says anywhere. */
  private reason(): string {
    return (
      this.statedReason(this.current) ?? this.statedReason(this.wants.instruction) ?? 'I no longer need it.'
    );
  }

  private statedReason(text: string): string | undefined {
    if (/mistake|accident|by error|didn'?t mean/i.test(text)) return 'I ordered it by mistake.';
    if (/no longer need|don'?t need|not need|no longer want|changed? (?:my|your) mind/i.test(text))
      return 'I no longer need it.';
    return undefined;
  }

  private orderAnswer(bot: string): string | null {
    const named = this.current.match(/#W\d{7}/)?.[0];
    if (named) return `It's order ${named}.`;
    const ending = /ends? (?:in|with) (\d{2,6})/.exec(this.wants.instruction)?.[1];
    const listed = new Set(bot.match(/#W\d{7}/g) ?? []);
    let pool = ending
      ? this.orders.filter((o) => o.id.endsWith(ending))
      : ordersAbout(this.current, this.orders);
    if (listed.size > 0 && pool.some((o) => listed.has(o.id))) pool = pool.filter((o) => listed.has(o.id));
    if (pool.length !== 1) return null;
    return `It's order ${pool[0]!.id}.`;
  }

  private paymentAnswer(): string {
    const text = `${this.current} ${this.wants.decisions.join(' ')}`;
    const id = /\b(?:paypal|credit_card|gift_card)_\d+\b/.exec(text)?.[0];
    if (id) return `Please use ${id}.`;
    const first = [
      [/pay\s?pal/i, 'PayPal, please.'],
      [/gift card|\bGC\b|website credit|store credit/i, 'The gift card, please.'],
      [/credit card|\bcard\b/i, 'My credit card, please.'],
    ] as const;
    const hits = first
      .map(([re, say]) => ({ at: text.search(re), say }))
      .filter((h) => h.at >= 0)
      .sort((a, b) => a.at - b.at);
    return hits[0]?.say ?? 'The original payment method, please.';
  }

  private decisionAnswer(): string | null {
    const picked = this.wants.decisions.find((d) => !/\bpay|refund|gift card/i.test(d));
    return picked ? firstPerson(picked) : null;
  }

  private itemsAnswer(): string | null {
    return /\b(?:all|everything|the items|both)\b/i.test(this.current) ? 'All of them, please.' : null;
  }

  private addressAnswer(): string | null {
    const address = /\d+ [A-Z][\w ]+,[^.;]*\d{5}[^.;]*/.exec(this.current)?.[0];
    return address ? `The new address is ${address}.` : null;
  }
}
