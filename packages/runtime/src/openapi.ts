import type { FastifyInstance, RouteOptions } from 'fastify';
import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** What a service says about one of its routes beyond what Fastify knows: the zod schemas it parses with. */
export interface OperationDoc {
  summary: string;
  description?: string;
  body?: ZodTypeAny;
  /** The media type of the body when it is not JSON (a raw email). */
  bodyMediaType?: string;
  query?: ZodTypeAny;
  /**
   * How a guarded route authenticates when it is not a Bearer key: a security scheme by name (a provider's
   * webhook signature header).
   */
  scheme?: { name: string; definition: Record<string, unknown> };
  /** Success status and what it means, e.g. `{ 202: 'accepted' }`. */
  responses?: Record<number, string>;
}

export interface ApiDocs {
  title: string;
  version: string;
  description: string;
  /** Keyed by `METHOD /path` as registered (`POST /v1/tickets/:id/messages`). */
  operations: Record<string, OperationDoc>;
}

interface RouteRecord {
  method: string;
  url: string;
  access: { public: string } | { guard: unknown } | undefined;
}

const routesOf = new WeakMap<FastifyInstance, RouteRecord[]>();

/** Starts recording every route registered on `app` (called before any route is added). */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteRecord[] = [];
  routesOf.set(app, routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
}

/** JSON Schema for a zod schema, inline (no $refs), as what a client sends (before transforms). */
function jsonSchema(schema: ZodTypeAny): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = zodToJsonSchema(schema, {
    $refStrategy: 'none',
    pipeStrategy: 'input',
    effectStrategy: 'input',
  }) as Record<string, unknown>;
  return rest;
}

const ERROR = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A stable code: invalid_request, unauthorized, not_found, ...' },
    message: { type: 'string', description: 'What is wrong, naming the field or the limit' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document of every route `app` registered: each route appears (so none is forgotten), with
 * its security from its declared access, its path parameters, and the request schemas the service describes.
 */
export function openApiDocument(app: FastifyInstance, docs: ApiDocs): Record<string, unknown> {
  const routes = routesOf.get(app);
  if (!routes) throw new Error('recordRoutes(app) was not called before the routes were registered');
  const described = new Set<string>();
  const schemes: Record<string, unknown> = {
    bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`' },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const doc = docs.operations[key];
    if (doc) described.add(key);
    const names = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const isPublic = route.access !== undefined && 'public' in route.access;
    if (doc?.scheme) schemes[doc.scheme.name] = doc.scheme.definition;
    const query = doc?.query ? jsonSchema(doc.query) : undefined;
    const queryProperties = (query?.properties ?? {}) as Record<string, unknown>;
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      summary: doc?.summary ?? key,
      ...(doc?.description ? { description: doc.description } : {}),
      security: isPublic ? [] : [{ [doc?.scheme?.name ?? 'bearer']: [] }],
      ...(isPublic ? { 'x-public': (route.access as { public: string }).public } : {}),
      parameters: [
        ...names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...Object.entries(queryProperties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: ((query?.required as string[] | undefined) ?? []).includes(name),
          schema,
        })),
      ],
      ...(doc?.body || doc?.bodyMediaType
        ? {
            requestBody: {
              required: true,
              content: {
                [doc.bodyMediaType ?? 'application/json']: {
                  schema: doc.body ? jsonSchema(doc.body) : { type: 'string' },
                },
              },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(doc?.responses ?? { 200: 'OK' }).map(([status, description]) => [
            status,
            { description },
          ]),
        ),
        '4XX': {
          description: 'The request was refused; the message names the problem',
          content: { 'application/json': { schema: ERROR } },
        },
      },
    };
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  const unknown = Object.keys(docs.operations).filter((k) => !described.has(k));
  if (unknown.length > 0) throw new Error(`documented routes that do not exist: ${unknown.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: { title: docs.title, version: docs.version, description: docs.description },
    components: { securitySchemes: schemes },
    paths,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serves the document at `/docs/openapi.json` and a plain page listing the operations at `/docs` (no script:
 * the pages' content security policy allows none from elsewhere). Both are public: they describe, never return,
 * data.
 */
export function serveApiDocs(app: FastifyInstance, docs: ApiDocs): void {
  const access = { public: 'the API description holds no data' };
  let document: Record<string, unknown> | undefined;
  // Built on first request, when every route has been registered.
  const built = () => (document ??= openApiDocument(app, docs));
  app.get('/docs/openapi.json', { config: { access } }, async () => built());
  app.get('/docs', { config: { access } }, async (_req, reply) => {
    const paths = built().paths as Record<string, Record<string, { summary: string; security: unknown[] }>>;
    const rows = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${op.security.length ? 'key' : 'public'}</td></tr>`,
      ),
    );
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(docs.title)}</title></head><body><h1>${escapeHtml(docs.title)} ${escapeHtml(docs.version)}</h1><p>${escapeHtml(docs.description)}</p><p>OpenAPI 3.1 document: <a href="/docs/openapi.json">/docs/openapi.json</a></p><table><thead><tr><th>method</th><th>path</th><th>what</th><th>credentials</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
