import type { Customer, Order, Product, ProductType, Refusal, Store, Tool } from '@parley/commerce';
import { describeInputIssues, TOOLS } from '@parley/commerce';
import type { ActionProposal, OrderFacts, ToolCall as DraftToolCall } from '@parley/contracts';
import { actionIdFor } from '@parley/contracts';
import type { ToolCall, ToolRoundResults, ToolSpec } from '@parley/providers';
import type { ComposeInput, ToolCallRecord } from '../composer.js';
import { nameFact, optionFact, optionValues, variantFacts } from '../product-facts.js';
import { terms } from '../text.js';
import type { PromptSources } from './prompt.js';
import { addFacts, addPassage, orderLines, passageBlock } from './prompt.js';
import { previewWrite, readOf } from './proposal.js';
import type { StandIns } from './stand-ins.js';

/** The store writes each tool name of the taxonomy (`routing.allowedTools`) stands for. */
const WRITES_BY_ROUTED_TOOL: Record<string, readonly string[]> = {
  cancel_order: ['cancel_pending_order'],
  modify_order_items: ['modify_pending_order_items'],
  modify_order_payment: ['modify_pending_order_payment'],
  update_address: ['modify_pending_order_address', 'modify_user_address'],
  return_items: ['return_delivered_order_items'],
  exchange_items: ['exchange_delivered_order_items'],
};

/** Redaction's markers: a value the model only saw as `[address]` cannot be passed on as the real one. */
const HIDDEN = /\[(?:email|phone|card|address|zip|postcode|iban|ssn)\]/;
const MAX_SEARCH_PASSAGES = 3;
const MAX_DRAFT_CALLS = 20;
/** The proposal contract's limit on the read-back. */
const MAX_SUMMARY_CHARS = 2_000;

/**
 * Reads for everyone; writes only those the routed intent allows (a question about a refund's timing cannot turn
 * into a cancellation). A write is never run here: it becomes the proposal.
 */
export function offeredTools(input: ComposeInput): Tool[] {
  const allowed = new Set(
    input.routing.allowedTools.flatMap((t) => [t, ...(WRITES_BY_ROUTED_TOOL[t] ?? [])]),
  );
  return (TOOLS as readonly Tool[]).filter((t) => t.kind === 'read' || allowed.has(t.name));
}

type Outcome = { content: string; isError?: boolean; record: ToolCallRecord; draft?: DraftToolCall };

const errorOutcome = (
  tool: string,
  rule: string,
  message: string,
  status: ToolCallRecord['status'] = 'error',
) => ({
  content: JSON.stringify({ error: rule, message }),
  isError: true,
  record: { tool, status, rule },
});

/**
 * The store's tools for one turn of one customer: the customer is the ticket's CRM match and never changes, reads
 * run against the store and come back shaped for the model (no name, email or address; ids as stand-ins; facts
 * labelled for the grounding check), `search_help_centre` answers from the turn's passages, and the first valid
 * write becomes the proposal. Every failure is a result the model can read, never an exception.
 */
export class StoreToolbox {
  readonly specs: ToolSpec[];
  /** Per round, per call. */
  readonly rounds: ToolCallRecord[][] = [];
  /** The calls as the draft lists them (inputs with real values); at most 20. */
  readonly calls: DraftToolCall[] = [];
  #proposal: ActionProposal | undefined;
  #handoff = false;
  readonly #tools: Map<string, Tool>;
  readonly #customerId: string | null;

  constructor(
    private readonly store: Store,
    private readonly input: ComposeInput,
    private readonly sources: PromptSources,
  ) {
    const tools = offeredTools(input);
    this.#tools = new Map(tools.map((t) => [t.name, t]));
    this.specs = tools.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: t.inputJsonSchema,
    }));
    this.#customerId = input.ticket.customer.crmId;
  }

  get proposal(): ActionProposal | undefined {
    return this.#proposal;
  }

  /** The model called `transfer_to_human_agents`. */
  get handoff(): boolean {
    return this.#handoff;
  }

  /** Runs one round's calls in order (the first write of the turn wins). */
  async run(calls: ToolCall[]): Promise<ToolRoundResults> {
    const records: ToolCallRecord[] = [];
    this.rounds.push(records);
    const results: ToolRoundResults['results'] = [];
    for (const call of calls) {
      const outcome = await this.#one(call);
      records.push(outcome.record);
      if (outcome.draft && this.calls.length < MAX_DRAFT_CALLS) this.calls.push(outcome.draft);
      results.push({ content: outcome.content, ...(outcome.isError ? { isError: true } : {}) });
    }
    return { results, ...(this.#handoff ? { stop: true } : {}) };
  }

  get #standIns(): StandIns {
    return this.sources.standIns;
  }

  async #one(call: ToolCall): Promise<Outcome> {
    const tool = this.#tools.get(call.name);
    // The name is the model's text: only a tool it was given is named in the record.
    if (!tool) {
      return errorOutcome('unknown', 'unknown_tool', 'No such tool: call only the tools you were given.');
    }
    if (call.malformedInput) {
      return errorOutcome(
        tool.name,
        'invalid_input',
        'The arguments were not a JSON object: send them again.',
      );
    }
    const input = this.#standIns.restoreDeep(call.input ?? {});
    const draft = (status: DraftToolCall['status']): DraftToolCall => ({
      name: tool.name,
      input: isRecord(input) ? input : {},
      status,
    });
    const outcome = await this.#dispatch(tool, input);
    const failed = outcome.record.status === 'error' || outcome.record.status === 'refused';
    return {
      ...outcome,
      draft: draft(failed ? 'error' : outcome.record.status === 'proposed' ? 'proposed' : 'ok'),
    };
  }

  async #dispatch(tool: Tool, input: unknown): Promise<Outcome> {
    if (tool.kind === 'write') return this.#propose(tool, input);
    switch (tool.name) {
      case 'search_help_centre':
        return this.#search(tool, input);
      case 'transfer_to_human_agents': {
        const parsed = tool.input.safeParse(input);
        if (!parsed.success) return this.#invalid(tool, parsed.error);
        this.#handoff = true;
        return { content: JSON.stringify({ transferred: true }), record: { tool: tool.name, status: 'ok' } };
      }
      case 'find_user_id_by_email':
      case 'find_user_id_by_name_zip':
        return this.#confirmCustomer(tool, input);
      default:
        return this.#read(tool, input);
    }
  }

  #invalid(tool: Tool, error: Parameters<typeof describeInputIssues>[0]): Outcome {
    return errorOutcome(tool.name, 'invalid_input', `Invalid input: ${describeInputIssues(error)}.`);
  }

  /** The store's refusal, in its words; input the tool's schema rejected is the model's error, not a refusal. */
  #refused(tool: Tool, refusal: Refusal): Outcome {
    const status = refusal.rule === 'invalid_input' ? 'error' : 'refused';
    return errorOutcome(tool.name, refusal.rule, this.#standIns.mask(refusal.message), status);
  }

  /** The look-ups may confirm the customer the message came from; they never switch to anyone else. */
  async #confirmCustomer(tool: Tool, input: unknown): Promise<Outcome> {
    const parsed = tool.input.safeParse(input);
    if (!parsed.success) return this.#invalid(tool, parsed.error);
    const notThem = () =>
      this.#refused(tool, {
        rule: 'other_customer',
        message:
          'That account could not be confirmed as the customer writing in. This conversation is only about their own account.',
      });
    if (!this.#customerId) return notThem();
    const out = await tool.run(this.store, parsed.data, { customerId: this.#customerId });
    if (!out.ok || (out.result as { userId: string }).userId !== this.#customerId) return notThem();
    return this.#ok(tool, { userId: this.#standIns.token('CUSTOMER', this.#customerId) }, []);
  }

  async #read(tool: Tool, input: unknown): Promise<Outcome> {
    const out = await tool.run(this.store, input, { customerId: this.#customerId });
    if (!out.ok) return this.#refused(tool, out.refusal);
    const s = this.#standIns;
    switch (tool.name) {
      case 'get_user_details': {
        const c = out.result as Customer;
        return this.#ok(
          tool,
          { userId: s.token('CUSTOMER', c.id), paymentMethods: c.paymentMethods, orderIds: c.orderIds },
          [],
        );
      }
      case 'get_order_details': {
        const o = out.result as Order;
        return this.#ok(tool, this.#order(o), orderLines(orderFacts(o), s));
      }
      case 'get_product_details': {
        const p = out.result as Product;
        return this.#ok(tool, this.#product(p), this.#productLines(p));
      }
      case 'list_all_product_types': {
        const types = (out.result as { productTypes: ProductType[] }).productTypes;
        return this.#ok(
          tool,
          { productTypes: types.map((t) => ({ name: t.name, productId: s.token('PRODUCT', t.productId) })) },
          [],
        );
      }
      default:
        throw new Error(`${tool.name} is a read the toolbox does not shape`);
    }
  }

  /** An order as the model reads it: no shipping address or customer id, item and tracking ids as stand-ins. */
  #order(o: Order): Record<string, unknown> {
    const s = this.#standIns;
    const items = (ids: readonly string[]) => ids.map((id) => s.token('ITEM', id));
    return {
      orderId: o.id,
      status: o.status,
      items: o.items.map((i) => ({
        name: i.name,
        itemId: s.token('ITEM', i.itemId),
        productId: s.token('PRODUCT', i.productId),
        price: i.price,
        options: i.options,
      })),
      fulfillments: o.fulfillments.map((f) => ({
        trackingIds: f.trackingIds.map((t) => s.token('TRACKING', t)),
        itemIds: items(f.itemIds),
      })),
      paymentHistory: o.paymentHistory,
      ...(o.cancelReason ? { cancelReason: o.cancelReason } : {}),
      ...(o.returnRequest
        ? { returnRequest: { ...o.returnRequest, itemIds: items(o.returnRequest.itemIds) } }
        : {}),
      ...(o.exchangeRequest
        ? {
            exchangeRequest: {
              ...o.exchangeRequest,
              itemIds: items(o.exchangeRequest.itemIds),
              newItemIds: items(o.exchangeRequest.newItemIds),
            },
          }
        : {}),
    };
  }

  #product(p: Product): Record<string, unknown> {
    const s = this.#standIns;
    return {
      productId: s.token('PRODUCT', p.id),
      name: p.name,
      variants: p.variants.map((v) => ({ ...v, itemId: s.token('ITEM', v.itemId) })),
    };
  }

  /** Catalogue facts of a looked-up product, each variant named by its item stand-in. */
  #productLines(p: Product) {
    const facts = { productId: p.id, name: p.name, variants: p.variants };
    const out = [{ fact: nameFact(facts), line: `product: ${p.name}` }];
    for (const [key, values] of optionValues(p.variants)) {
      out.push({
        fact: optionFact(facts, key, values),
        line: `${p.name} ${key} options: ${values.join(', ')}`,
      });
    }
    for (const v of p.variants) {
      const item = `${p.name} ${this.#standIns.token('ITEM', v.itemId)}`;
      const [options, available, price] = variantFacts(facts, v);
      out.push({ fact: options!, line: `${item} options: ${options!.value}` });
      out.push({ fact: available!, line: `${item}: ${available!.value}` });
      out.push({ fact: price!, line: `${item} price: ${price!.value}` });
    }
    return out;
  }

  #ok(tool: Tool, result: unknown, facts: ReturnType<typeof orderLines>): Outcome {
    const labelled = addFacts(this.sources, facts);
    return {
      content: JSON.stringify({
        result,
        ...(labelled.length ? { facts: labelled.map((f) => `${f.id}: ${f.line}`) } : {}),
      }),
      record: { tool: tool.name, status: 'ok' },
    };
  }

  /** The turn's passages that share most terms with the query, numbered for citing. */
  #search(tool: Tool, input: unknown): Outcome {
    const parsed = tool.input.safeParse(input);
    if (!parsed.success) return this.#invalid(tool, parsed.error);
    const wanted = new Set(terms((parsed.data as { query: string }).query));
    const ranked = this.input.retrieval.passages
      .map((p) => {
        const own = new Set(terms(`${p.title} ${p.section} ${p.text}`));
        return { p, shared: [...wanted].filter((t) => own.has(t)).length };
      })
      .filter((r) => r.shared > 0)
      .sort((a, b) => b.shared - a.shared || b.p.score - a.p.score)
      .slice(0, MAX_SEARCH_PASSAGES);
    const content = ranked.length
      ? ranked.map((r) => passageBlock(r.p, addPassage(this.sources, r.p))).join('\n')
      : 'No help-centre passage matches that search.';
    return { content, record: { tool: tool.name, status: 'ok' } };
  }

  /** A write becomes the turn's one proposal when its input is valid and the store's policy would allow it. */
  async #propose(tool: Tool, input: unknown): Promise<Outcome> {
    if (this.#proposal) {
      return errorOutcome(
        tool.name,
        'one_action_at_a_time',
        `Only one action at a time: ${this.#proposal.tool} is already proposed for the customer to confirm. Write your answer now; anything else can be done after that one.`,
      );
    }
    const parsed = tool.input.safeParse(input);
    if (!parsed.success) return this.#invalid(tool, parsed.error);
    const data = parsed.data as Record<string, unknown>;
    if (HIDDEN.test(JSON.stringify(data))) {
      return errorOutcome(
        tool.name,
        'hidden_values',
        'Some of these details are hidden from you, so this change cannot be proposed here: call transfer_to_human_agents.',
      );
    }
    if (!this.#customerId) {
      return this.#refused(tool, {
        rule: 'not_authenticated',
        message: "The sender is not a known customer, so nothing can be changed on anyone's account.",
      });
    }
    const preview = await previewWrite(this.store, tool.name, data, this.#customerId);
    if (!preview.ok) return this.#refused(tool, preview.refusal);
    if (preview.summary.length > MAX_SUMMARY_CHARS) {
      return errorOutcome(
        tool.name,
        'too_long_to_read_back',
        'This change is too long to read back in one message: call transfer_to_human_agents.',
      );
    }
    const { ticketId, turn } = this.input;
    // A wiring defect, not a model mistake: the action id needs the ticket and turn.
    if (ticketId === undefined || turn === undefined)
      throw new Error('a proposal needs the ticket id and turn');
    this.#proposal = {
      actionId: actionIdFor(ticketId, turn),
      tool: tool.name,
      input: data,
      customerId: this.#customerId,
      ...readOf(preview),
    };
    return {
      content: JSON.stringify({
        proposed: true,
        summary: this.#standIns.mask(preview.summary),
        note: 'Not carried out. These details are read back to the customer to confirm after your answer: do not say it was or will be done, and do not ask them to confirm.',
      }),
      record: { tool: tool.name, status: 'proposed' },
    };
  }
}

/** A store order as the prompt's order facts (status, item names, tracking numbers). */
function orderFacts(o: Order): OrderFacts {
  return {
    orderId: o.id,
    status: o.status,
    items: o.items,
    trackingIds: o.fulfillments.flatMap((f) => f.trackingIds),
    total: o.items.reduce((n, i) => n + i.price, 0),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
