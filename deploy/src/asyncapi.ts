// `pnpm --filter @parley/deploy asyncapi [--check]`: writes docs/asyncapi.json, the AsyncAPI 3.0 description of
// every event on the bus, generated from the zod contracts in @parley/contracts: one channel per event type
// and version, its message (envelope and payload schema, headers), which service receives it (the consumer
// catalogs, as deploy/src/k8s.ts lists them) and which sends it (the services that make it).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as contracts from '@parley/contracts';
import type { EventDefinition } from '@parley/contracts';
import { allEvents, subjectFor, Timestamp, TIMESTAMP_JSON_SCHEMA } from '@parley/contracts';
import type { ZodTypeAny } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { SERVICES } from './k8s.js';

const ROOT = new URL('../../', import.meta.url).pathname;
export const ASYNCAPI_FILE = `${ROOT}docs/asyncapi.json`;

/** `ticket.received` v1 -> `ticketReceivedV1`: ids AsyncAPI accepts as channel, message and operation keys. */
function idOf(def: EventDefinition): string {
  const words = `${def.type}.v${def.version}`.split(/[._-]/);
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

function jsonSchema(schema: ZodTypeAny): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = zodToJsonSchema(schema, {
    $refStrategy: 'none',
    override: (def) => (def === Timestamp._def ? { ...TIMESTAMP_JSON_SCHEMA } : ignoreOverride),
  }) as Record<string, unknown>;
  return rest;
}

/** The events each service makes (`makeEvent(TicketRouted, ...)` in its sources), by event id. */
export async function senders(): Promise<Map<string, string[]>> {
  const byName = new Map<string, EventDefinition>();
  for (const [name, value] of Object.entries(contracts)) {
    if (allEvents.includes(value as EventDefinition)) byName.set(name, value as EventDefinition);
  }
  const out = new Map<string, string[]>();
  for (const service of SERVICES.map((s) => s.name)) {
    const src = join(ROOT, 'services', service, 'src');
    const files = (await readdir(src, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => join(e.parentPath, e.name));
    for (const file of files) {
      // The definition argument: a name, or a choice of names (`kind === 'x' ? TicketEscalated : TicketRouted`).
      for (const m of (await readFile(file, 'utf8')).matchAll(/makeEvent\(([^,{]+),/g)) {
        for (const name of m[1]!.match(/\b[A-Z][A-Za-z]+\b/g) ?? []) {
          const def = byName.get(name);
          if (!def) continue;
          const list = out.get(idOf(def)) ?? [];
          if (!list.includes(service)) list.push(service);
          out.set(idOf(def), list);
        }
      }
    }
  }
  return out;
}

export async function renderAsyncApi(): Promise<string> {
  const sentBy = await senders();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const def of allEvents) {
    const id = idOf(def);
    const subject = subjectFor(def.type, def.version);
    channels[id] = {
      address: `{prefix}.${subject}`,
      title: subject,
      parameters: { prefix: { description: 'The deployment prefix (BUS_PREFIX)', default: 'parley' } },
      messages: {
        [id]: {
          name: id,
          title: `${def.type} v${def.version}`,
          contentType: 'application/json',
          headers: {
            type: 'object',
            properties: {
              'Parley-Type': { type: 'string', const: def.type },
              'Parley-Version': { type: 'string', const: String(def.version) },
              'Parley-Ticket': { type: 'string', description: 'The ticket id, for ticket events' },
              traceparent: { type: 'string', description: 'W3C trace context of the producer span' },
              'Nats-Msg-Id': { type: 'string', description: 'The envelope id: a re-publish is a duplicate' },
            },
          },
          payload: jsonSchema(def.envelope as unknown as ZodTypeAny),
        },
      },
    };
    const ref = { $ref: `#/channels/${id}` };
    const message = { $ref: `#/channels/${id}/messages/${id}` };
    for (const service of sentBy.get(id) ?? []) {
      operations[`${service}Sends${id[0]!.toUpperCase()}${id.slice(1)}`] = {
        action: 'send',
        channel: ref,
        messages: [message],
        summary: `${service} publishes ${subject}`,
      };
    }
    for (const s of SERVICES) {
      if (!s.consumes.some((e) => e.type === def.type && e.version === def.version)) continue;
      operations[`${s.name}Receives${id[0]!.toUpperCase()}${id.slice(1)}`] = {
        action: 'receive',
        channel: ref,
        messages: [message],
        summary: `${s.name} consumes ${subject} (durable ${s.name}__${def.type.replace(/\./g, '_')}_v${def.version})`,
      };
    }
  }
  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'Parley events',
      version: '1',
      description:
        'Ticket events exchanged by the six services over NATS JetStream (stream <PREFIX>_EVENTS, dead letters in <PREFIX>_DLQ). Every event is an envelope (id, type, version, occurredAt, ticketId, traceparent, payload); a breaking change is a new version on a new subject. Generated from packages/contracts by `pnpm --filter @parley/deploy asyncapi`.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      nats: { host: 'nats:4222', protocol: 'nats', description: 'NATS with JetStream (NATS_URL)' },
    },
    channels,
    operations,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await renderAsyncApi();
  if (process.argv.includes('--check')) {
    if ((await readFile(ASYNCAPI_FILE, 'utf8').catch(() => '')) !== text) {
      process.stderr.write(
        'docs/asyncapi.json is out of date: run `pnpm --filter @parley/deploy asyncapi`\n',
      );
      process.exitCode = 1;
    }
  } else {
    await writeFile(ASYNCAPI_FILE, text);
    process.stdout.write(`wrote ${relative(ROOT, ASYNCAPI_FILE)}\n`);
  }
}
