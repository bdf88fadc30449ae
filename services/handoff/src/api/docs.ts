import type { ApiDocs } from '@parley/runtime';
import {
  ActionBody,
  ApproveBody,
  AssignBody,
  HandBackBody,
  ListQuery,
  QueueQuery,
  ReportQuery,
  ResolveBody,
  TakeOverBody,
} from './routes.js';

/** The agent inbox API as `/docs` describes it; request schemas are the ones the routes parse with. */
export const HANDOFF_API: ApiDocs = {
  title: 'Parley agent inbox',
  version: '1',
  description:
    'The agent inbox: drafts and escalations waiting for a person. `/v1` routes need `Authorization: Bearer <key>` with the inbox scope; the agent workspace (`/inbox`) signs in with such a key for a session cookie and uses the same operations under `/inbox/api` (no agentId in bodies: the agent is the one signed in; every change needs the X-CSRF-Token and our Origin). Everything a key reaches is its workspace.',
  operations: {
    'GET /inbox': { summary: 'The agent workspace (a single-page app; signs in for a session cookie)' },
    'GET /inbox/assets/:name': { summary: "The workspace's built script and stylesheet (hashed names)" },
    'POST /inbox/session': {
      summary: 'Sign in: an inbox key and the agent name for an HttpOnly session cookie and a CSRF token',
      responses: { 200: '`{ agentId, workspace, csrfToken, expiresAt }`' },
    },
    'POST /inbox/session/end': { summary: 'Sign out', responses: { 200: '`{ signedOut: true }`' } },
    'GET /inbox/api/me': { summary: 'The signed-in agent and the CSRF token' },
    'GET /inbox/api/events': {
      summary: 'Live updates (server-sent events): ready, change, resync',
      responses: { 200: '`text/event-stream`' },
    },
    'GET /v1/inbox': {
      summary: 'Open items, newest first, a page at a time',
      query: ListQuery,
      responses: { 200: '`{ items, nextCursor }`' },
    },
    'GET /v1/inbox/queues/:queue': {
      summary: 'A queue (needs_reply, drafts, escalated, mine, overdue, done), by priority and SLA',
      query: QueueQuery,
      responses: { 200: '`{ queue, items, nextCursor, counts, intents, now }`' },
    },
    'GET /v1/reports/quality': {
      summary:
        'The quality report per UTC day and intent, and per intent over the range: deflection, bad-answer signals (down-ratings, reopens, low-survival agent edits), CSAT, cost per resolution, p95 latency, judge grades. `from` and `to` are days (YYYY-MM-DD, both included; default the last 7 days), at most 92 days apart',
      query: ReportQuery,
      responses: {
        200: '`{ workspace, from, to, lowSurvivalBelow, rows, totals }`',
        400: 'A bad day or range, named',
      },
    },
    'GET /v1/inbox/:id': {
      summary: 'One inbox item with its conversation, turns, timeline, owner and proposed action',
      responses: { 200: 'The item' },
    },
    'POST /v1/inbox/:id/approve': {
      summary: 'Send the draft (optionally edited) or a written reply to the customer',
      body: ApproveBody,
      responses: { 200: '`{ status: "sent", replyId }`' },
    },
    'POST /v1/inbox/:id/take-over': {
      summary: 'An agent takes the conversation over; the bot stays silent on it',
      body: TakeOverBody,
      responses: { 200: '`{ status: "taken_over" }`' },
    },
    'POST /v1/inbox/:id/assign': {
      summary: 'Assign the item to an agent (or to nobody)',
      body: AssignBody,
      responses: { 200: '`{ assignee }`' },
    },
    'POST /v1/inbox/:id/resolve': {
      summary: 'Resolve the item',
      body: ResolveBody,
      responses: { 200: '`{ status: "closed" }`' },
    },
    'POST /v1/inbox/:id/action': {
      summary:
        "Approve or reject the draft's proposed action (an executable proposal goes to the actions service)",
      body: ActionBody,
      responses: { 200: '`{ actionDecision }`' },
    },
    'POST /v1/tickets/:id/hand-back': {
      summary: 'Hand the ticket back to the bot',
      body: HandBackBody,
      responses: { 200: '`{ owner: "bot" }`' },
    },
    'GET /healthz': { summary: 'Liveness: 503 once the event loop has stalled' },
    'GET /readyz': { summary: 'Readiness: NATS, Postgres, consumers and the live-update listener' },
    'GET /metrics': { summary: 'Prometheus metrics' },
  },
};
