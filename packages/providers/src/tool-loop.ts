import type { z } from 'zod';
import { addUsage, CompletionJsonError, NO_USAGE, parseJsonReply } from './complete-json.js';
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ToolCall, Usage } from './types.js';

const TOOL_JSON_INSTRUCTION =
  'Call the tools you need first. Then answer with a single JSON value only: no prose, no Markdown code fences, nothing before or after it.';

/** What the caller's tools made of one round's calls: one result per call, in the order of the calls. */
export interface ToolRoundResults {
  results: Array<{ content: string; isError?: boolean }>;
  /** End the loop after this round without an answer (the caller hands the conversation to a person). */
  stop?: boolean;
}

/** How a response was used: tool calls run, an answer, an answer that failed the schema, or calls past the cap. */
export type ResponseKind = 'tools' | 'answer' | 'invalid_answer' | 'round_cap';

export interface ToolLoopOptions {
  /** Rounds of tool calls the loop runs; a response asking for more ends it with `round_cap`. */
  maxToolRounds: number;
  /** Runs one round's calls (`round` counts from 1). Must answer every call; tool failures are results, not throws. */
  runTools(calls: ToolCall[], round: number): Promise<ToolRoundResults>;
  /**
   * Told about every response as it arrives, before its tools run, so a caller's accounting holds what was
   * spent when a later request fails (a timeout in round 4 still leaves rounds 1 to 3 counted).
   */
  onResponse?(response: ChatResponse, kind: ResponseKind): void;
}

interface Spent {
  /** Model requests made, the one retry after an invalid answer included. */
  requests: number;
  toolRounds: number;
  /** Summed over every request. */
  usage: Usage;
}

export type ToolLoopResult<T> =
  | (Spent & { kind: 'answer'; value: T; model: string; provider: string })
  | (Spent & { kind: 'round_cap' })
  | (Spent & { kind: 'stopped' });

/**
 * Lets the model call tools, round after round, until it answers with JSON matching `schema`. Each round's calls
 * go to `runTools` and their results back to the model. At most `maxToolRounds` rounds: a response that asks for
 * tools after that ends the loop with `round_cap` (its calls are not run). An answer that fails the schema gets
 * one retry showing the model what was wrong, then `CompletionJsonError`. Provider errors propagate unchanged;
 * one `req.signal` (and `req.timeoutMs` per request) covers every request.
 */
export async function completeJsonWithTools<S extends z.ZodTypeAny>(
  model: ChatModel,
  req: ChatRequest,
  schema: S,
  opts: ToolLoopOptions,
): Promise<ToolLoopResult<z.output<S>>> {
  if (!Number.isInteger(opts.maxToolRounds) || opts.maxToolRounds < 0) {
    throw new TypeError(`maxToolRounds must be a non-negative integer, got ${opts.maxToolRounds}`);
  }
  const system = req.system ? `${req.system}\n\n${TOOL_JSON_INSTRUCTION}` : TOOL_JSON_INSTRUCTION;
  const messages: ChatMessage[] = [...req.messages];
  const problems: string[] = [];
  const spent: Spent = { requests: 0, toolRounds: 0, usage: NO_USAGE };
  for (;;) {
    const res = await model.complete({ ...req, system, messages: [...messages] });
    spent.requests += 1;
    spent.usage = addUsage(spent.usage, res.usage);
    if (res.toolCalls.length > 0) {
      if (spent.toolRounds >= opts.maxToolRounds) {
        opts.onResponse?.(res, 'round_cap');
        return { kind: 'round_cap', ...spent };
      }
      spent.toolRounds += 1;
      opts.onResponse?.(res, 'tools');
      const round = await opts.runTools(res.toolCalls, spent.toolRounds);
      if (round.results.length !== res.toolCalls.length) {
        throw new TypeError(
          `runTools answered ${round.results.length} of ${res.toolCalls.length} tool calls`,
        );
      }
      messages.push({ role: 'assistant', content: res.text, toolCalls: res.toolCalls });
      res.toolCalls.forEach((call, i) => {
        const r = round.results[i]!;
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          content: r.content,
          ...(r.isError ? { isError: true } : {}),
        });
      });
      if (round.stop) return { kind: 'stopped', ...spent };
      continue;
    }
    const parsed = parseJsonReply(res.text, schema);
    opts.onResponse?.(res, parsed.ok ? 'answer' : 'invalid_answer');
    if (parsed.ok) {
      return { kind: 'answer', value: parsed.value, model: res.model, provider: res.provider, ...spent };
    }
    problems.push(parsed.summary);
    if (problems.length >= 2) throw new CompletionJsonError(res.provider, res.model, problems, spent.usage);
    messages.push(
      { role: 'assistant', content: res.text },
      {
        role: 'user',
        content: `That reply was not usable: ${parsed.problem}. Send the corrected JSON only.`,
      },
    );
  }
}
