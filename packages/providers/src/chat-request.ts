import { redactPii } from '@parley/pii';
import type { ChatMessage, ChatRequest } from './types.js';

/** Rejects requests no provider would accept, before any network call, with a message naming the field. */
export function assertChatRequest(req: ChatRequest): void {
  if (req.messages.length === 0) throw new TypeError('chat request needs at least one message');
  if (!Number.isInteger(req.maxTokens) || req.maxTokens < 1) {
    throw new TypeError(`chat request maxTokens must be a positive integer, got ${req.maxTokens}`);
  }
  if (!Number.isFinite(req.timeoutMs) || req.timeoutMs <= 0) {
    throw new TypeError(`chat request timeoutMs must be a positive number, got ${req.timeoutMs}`);
  }
  if (req.temperature !== undefined && !(req.temperature >= 0 && req.temperature <= 2)) {
    throw new TypeError(`chat request temperature must be between 0 and 2, got ${req.temperature}`);
  }
  // A result must answer a call of an earlier assistant message: both APIs reject an orphan with a 400.
  const calls = new Set<string>();
  for (const [i, m] of req.messages.entries()) {
    if (m.role === 'assistant') for (const c of m.toolCalls ?? []) calls.add(c.id);
    if (m.role === 'tool' && !calls.has(m.toolCallId)) {
      throw new TypeError(`chat request message ${i} answers a tool call no earlier message made`);
    }
  }
}

/**
 * Every piece of conversation text leaves the process only after PII redaction: message text, tool results, and
 * the string values of tool inputs echoed back in the history.
 */
export function redactMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m): ChatMessage => {
    if (m.role === 'tool') return { ...m, content: redactPii(m.content) };
    if (m.role === 'user') return { role: 'user', content: redactPii(m.content) };
    return {
      role: 'assistant',
      content: redactPii(m.content),
      ...(m.toolCalls?.length
        ? { toolCalls: m.toolCalls.map((c) => ({ ...c, input: redactValue(c.input) })) }
        : {}),
    };
  });
}

/** A JSON value with every string in it redacted; keys and the shape are kept. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  }
  return value;
}
