import type { ApiDocs } from '@parley/runtime';
import {
  AddMessageBody,
  ChatMessageBody,
  ChatSessionBody,
  CreateTicketBody,
  RatingBody,
  RatingQuery,
  TranscriptQuery,
} from './schemas.js';

/** The public API as `/docs` describes it; request schemas are the ones the routes parse with. */
export const INGRESS_API: ApiDocs = {
  title: 'Parley ingress',
  version: '1',
  description:
    'Tickets in by API, email, SMS and web chat. Every route but the probes, the docs, the signed SMS webhook and the signed rating links needs `Authorization: Bearer <key>` (scope tickets; chat messages take the session token); a refused request gets a 4xx naming the problem.',
  operations: {
    'POST /v1/tickets': {
      summary: 'Open a ticket (or return the one with the same externalId)',
      body: CreateTicketBody,
      responses: { 202: 'Accepted: `{ ticketId }`; the decision follows asynchronously' },
    },
    'POST /v1/tickets/:id/messages': {
      summary: "Add the customer's next message to a ticket",
      body: AddMessageBody,
      responses: { 202: 'Accepted: `{ ticketId, turn }`' },
    },
    'GET /v1/tickets/:id': {
      summary: "A ticket's status, decision, reply and timeline",
      responses: { 200: 'The ticket view' },
    },
    'POST /v1/email/inbound': {
      summary: "An inbound email (a mail provider's webhook), the raw RFC 822 message",
      bodyMediaType: 'message/rfc822',
      responses: { 202: 'Accepted: `{ ticketId, turn, duplicate }`' },
    },
    'POST /v1/sms/twilio': {
      summary: "Twilio's incoming-message webhook (form-encoded, authenticated by its signature)",
      bodyMediaType: 'application/x-www-form-urlencoded',
      scheme: {
        name: 'twilioSignature',
        definition: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Twilio-Signature',
          description: "Twilio's signature of the configured webhook URL and the form parameters",
        },
      },
      responses: { 200: 'TwiML acknowledgement' },
    },
    'POST /v1/chat/sessions': {
      summary: 'Start a web-chat session; returns its id and token',
      body: ChatSessionBody,
      responses: { 201: 'Created: `{ sessionId, token }`' },
    },
    'POST /v1/chat/sessions/:id/messages': {
      summary: "A visitor's chat message (Bearer: the session token)",
      body: ChatMessageBody,
      responses: { 202: 'Accepted: `{ ticketId, turn, duplicate }`' },
    },
    'GET /v1/chat/sessions/:id/messages': {
      summary: 'The chat transcript after a message id (Bearer: the session token)',
      query: TranscriptQuery,
      responses: { 200: 'Messages' },
    },
    'GET /r/:token': {
      summary:
        "A customer's rating link from an automated email or SMS reply: `?v=up|down` records the rating (again replaces it) and shows a confirmation page; without `v` the page offers the choice",
      query: RatingQuery,
      responses: {
        200: 'An HTML page',
        400: 'Malformed token or answer',
        403: 'The token was not issued here',
        404: 'No such reply',
        409: 'Not an automated reply',
        410: 'The link expired',
      },
    },
    'POST /r/:token': {
      summary: "The chat widget's thumbs: rates the automated reply the token names",
      body: RatingBody,
      responses: {
        200: '`{ replyId, rating, revision, changed }`',
        400: 'Malformed token or body',
        403: 'The token was not issued here',
        404: 'No such reply',
        409: 'Not an automated reply',
        410: 'The token expired',
      },
    },
    'GET /healthz': { summary: 'Liveness: 503 once the event loop has stalled' },
    'GET /readyz': { summary: 'Readiness: NATS, Postgres and consumers' },
    'GET /metrics': { summary: 'Prometheus metrics' },
  },
};
