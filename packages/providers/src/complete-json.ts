import type { z } from 'zod';
import type { ChatModel, ChatRequest, ChatResponse, Usage } from './types.js';

const JSON_INSTRUCTION =
  'Reply with a single JSON value only: no prose, no Markdown code fences, nothing before or after it.';

/** Nothing spent yet. */
export const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0, priced: true };

/** The model did not produce JSON matching the schema, even after being shown what was wrong. */
export class CompletionJsonError extends Error {
  constructor(
    readonly provider: string,
    readonly model: string,
    /** Why each attempt failed: parse failures or schema issue paths and codes, never the model's text. */
    readonly problems: string[],
    readonly usage: Usage,
  ) {
    super(
      `${provider}: model ${model} did not return valid JSON after ${problems.length} attempts (${problems.join(' | ')})`,
    );
    this.name = 'CompletionJsonError';
  }
}

export interface JsonCompletion<T> {
  value: T;
  /** Summed over both attempts when a retry was needed. */
  usage: Usage;
  attempts: number;
  model: string;
  provider: string;
}

/**
 * Asks for JSON, extracts and validates it against `schema`; on failure asks once more, showing the model its
 * reply and what was wrong with it. Provider errors (timeouts, rate limits, ...) propagate unchanged.
 */
export async function completeJson<S extends z.ZodTypeAny>(
  model: ChatModel,
  req: ChatRequest,
  schema: S,
): Promise<JsonCompletion<z.output<S>>> {
  const system = req.system ? `${req.system}\n\n${JSON_INSTRUCTION}` : JSON_INSTRUCTION;
  const problems: string[] = [];
  let usage: Usage = NO_USAGE;
  let messages = req.messages;
  let last: ChatResponse | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    last = await model.complete({ ...req, system, messages, tools: undefined });
    usage = addUsage(usage, last.usage);
    const result = parseJsonReply(last.text, schema);
    if (result.ok) {
      return { value: result.value, usage, attempts: attempt, model: last.model, provider: last.provider };
    }
    problems.push(result.summary);
    messages = [
      ...req.messages,
      { role: 'assistant', content: last.text },
      {
        role: 'user',
        content: `That reply was not usable: ${result.problem}. Send the corrected JSON only.`,
      },
    ];
  }
  throw new CompletionJsonError(
    last?.provider ?? model.provider,
    last?.model ?? model.model,
    problems,
    usage,
  );
}

/** `problem` goes back to the model; `summary` (issue paths and codes only) is safe for error messages and logs. */
type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; summary: string };

export function parseJsonReply<S extends z.ZodTypeAny>(text: string, schema: S): Parsed<z.output<S>> {
  const candidate = extractJson(text);
  if (candidate === undefined) {
    return { ok: false, problem: 'no JSON object or array found', summary: 'no JSON found' };
  }
  let data: unknown;
  try {
    data = JSON.parse(candidate);
  } catch {
    return { ok: false, problem: 'the JSON could not be parsed', summary: 'unparseable JSON' };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5);
  const where = (i: z.ZodIssue) => (i.path.length ? i.path.join('.') : '(root)');
  return {
    ok: false,
    problem: `schema validation failed: ${issues.map((i) => `${where(i)}: ${i.message}`).join('; ')}`,
    summary: `schema: ${issues.map((i) => `${where(i)} ${i.code}`).join(', ')}`,
  };
}

/** Models wrap JSON in prose or code fences despite instructions; take the outermost object or array. */
export function extractJson(text: string): string | undefined {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = fenced?.[1] ?? text;
  const start = body.search(/[{[]/);
  if (start === -1) return undefined;
  const close = body[start] === '{' ? '}' : ']';
  const end = body.lastIndexOf(close);
  return end > start ? body.slice(start, end + 1) : undefined;
}

/** Two calls' usage together; priced only when both were. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd + b.costUsd,
    priced: a.priced && b.priced,
  };
}
