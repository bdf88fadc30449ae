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
}

/** Every piece of conversation text leaves the process only after PII redaction. */
export function redactMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({ role: m.role, content: redactPii(m.content) }));
}
