import type { ApiDocs } from '@parley/runtime';
import { ApproveBody, HandBackBody, ListQuery, TakeOverBody } from './routes.js';

/** The agent inbox API as `/docs` describes it; request schemas are the ones the routes parse with. */
export const HANDOFF_API: ApiDocs = {
  title: 'Parley agent inbox',
  version: '1',
  description:
    'The agent inbox: drafts and escalations waiting for a person. API routes need `Authorization: Bearer <key>` with the inbox scope; everything a key reaches is its workspace.',
  operations: {
    'GET /inbox': { summary: 'The inbox page (calls the API below with a key)' },
    'GET /v1/inbox': {
      summary: 'Open items, newest first, a page at a time',
      query: ListQuery,
      responses: { 200: '`{ items, nextCursor }`' },
    },
    'GET /v1/inbox/:id': { summary: 'One inbox item', responses: { 200: 'The item' } },
    'POST /v1/inbox/:id/approve': {
      summary: 'Send the draft (optionally edited) to the customer',
      body: ApproveBody,
      responses: { 200: '`{ status: "sent", ... }`' },
    },
    'POST /v1/inbox/:id/take-over': {
      summary: 'An agent takes the conversation over; the bot stays silent on it',
      body: TakeOverBody,
      responses: { 200: '`{ status: "taken_over" }`' },
    },
    'POST /v1/tickets/:id/hand-back': {
      summary: 'Hand the ticket back to the bot',
      body: HandBackBody,
      responses: { 200: '`{ owner: "bot" }`' },
    },
    'GET /healthz': { summary: 'Liveness: 503 once the event loop has stalled' },
    'GET /readyz': { summary: 'Readiness: NATS, Postgres and consumers' },
    'GET /metrics': { summary: 'Prometheus metrics' },
  },
};
