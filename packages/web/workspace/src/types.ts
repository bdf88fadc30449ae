// The shapes the handoff API answers with (services/handoff/src/api/view.ts and inbox/detail.ts).

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type Queue = 'needs_reply' | 'drafts' | 'escalated' | 'mine' | 'overdue' | 'done';
export type Status = 'open' | 'sent' | 'taken_over' | 'closed';

export interface Citation {
  chunkId: string;
  articleId: string;
  section: string;
  title?: string;
}

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
  status: 'ok' | 'error' | 'proposed';
  output?: string;
}

export interface Draft {
  body: string;
  citations: Citation[];
  facts: Array<{ source: string; ref: string; field: string; value: string }>;
  groundedness: number;
  toolCalls: ToolCall[];
  model: { provider: string; name: string; tier: string };
  action?: string;
}

export interface Passage {
  chunkId: string;
  articleId: string;
  title: string;
  section: string;
  text: string;
  url?: string;
  score: number;
}

export interface Order {
  orderId: string;
  status: string;
  items: Array<{ name: string; itemId: string; price: number; options: Record<string, string> }>;
  trackingIds: string[];
  total: number;
}

export interface CustomerContext {
  customerId: string;
  name: string;
  orders: Order[];
  unownedOrderIds: string[];
}

export interface TicketTurn {
  channel: string;
  customer: { crmId: string | null; email?: string; name?: string; phone?: string };
  subject?: string;
  body: string;
  history: Array<{ turn: number; role: string; body: string; at: string }>;
  receivedAt: string;
  summary?: { text: string; intent: string; orderIds: string[]; keySentences: string[] };
}

export interface Routing {
  intent: string;
  confidence: number;
  band: string;
  tier: string;
  outOfScope: boolean;
  sentiment: { score: number; label: string };
  rules: Array<{ id: string; reason: string }>;
  router: string;
}

export interface SentReply {
  replyId: string;
  body: string;
  agentId: string | null;
  at: string;
  via: string;
}

export interface ActionDecision {
  decision: 'approved' | 'rejected';
  by: 'agent' | 'customer';
  status: 'pending_execution' | 'executed' | 'refused' | 'failed' | 'manual' | 'rejected';
  action: string;
  actionId?: string;
  agentId: string | null;
  at: string;
  note?: string;
  outcome?: string;
}

/** An executable proposal: the write, its arguments, and the details read back in plain words. */
export interface ActionProposal {
  actionId: string;
  tool: string;
  input: Record<string, unknown>;
  summary: string;
  customerId: string;
  amountUsd?: number;
}

export interface InboxItem {
  id: string;
  ticketId: string;
  turn: number;
  kind: 'suggest' | 'escalate';
  status: Status;
  priority: Priority;
  reasons: Array<{ code: string; detail?: string }>;
  draft: Draft | null;
  sources: Passage[];
  customer: CustomerContext | null;
  routing: Routing;
  ticket: TicketTurn;
  assignee: string | null;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  slaBreachedAt: string | null;
  replies: SentReply[];
  actionDecision: ActionDecision | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationMessage {
  turn: number;
  role: 'customer' | 'bot' | 'agent';
  body: string;
  at: string;
  channel: string;
  agentId?: string | null;
}

export interface ItemDetail extends InboxItem {
  owner: 'bot' | 'agent';
  conversation: ConversationMessage[];
  turns: Array<{ id: string; turn: number; status: Status; kind: string; createdAt: string }>;
  timeline: Array<{
    at: string;
    type: string;
    service: string;
    turn: number;
    detail: Record<string, unknown>;
  }>;
  proposedAction: {
    action: string;
    toolCalls: ToolCall[];
    proposal: ActionProposal | null;
    decision: ActionDecision | null;
  } | null;
}

export interface QueuePage {
  queue: Queue;
  items: InboxItem[];
  nextCursor: string | null;
  counts: Record<Queue, number>;
  intents: string[];
  now: string;
}

export interface Me {
  agentId: string;
  workspace: string;
  csrfToken: string;
  expiresAt: string;
}

export interface Filters {
  intent: string;
  channel: string;
  priority: string;
}

/** What the live stream says changed (ids and codes only). */
export interface InboxChange {
  op: 'insert' | 'update';
  id: string;
  ticketId: string;
  workspace: string;
  status: Status;
  priority: Priority;
  kind: string;
  breached: boolean;
}

/** One row of the quality report (`GET /inbox/api/reports/quality`); see services/handoff/README.md. */
export interface QualityFigures {
  turns: number;
  autoSent: number;
  deflection: number;
  ratings: { up: number; down: number };
  csat: number | null;
  reopens: number;
  edits: number;
  lowSurvivalEdits: number;
  meanSurvival: number | null;
  badAnswerSignals: number;
  costUsd: number;
  resolutions: number;
  costPerResolution: number | null;
  p95LatencyMs: number | null;
  judge: { judged: number; passed: number; passRate: number | null; meanScore: number | null };
}

export interface QualityReport {
  workspace: string;
  from: string;
  to: string;
  lowSurvivalBelow: number;
  rows: Array<{ day: string; intent: string } & QualityFigures>;
  totals: Array<{ intent: string } & QualityFigures>;
}
