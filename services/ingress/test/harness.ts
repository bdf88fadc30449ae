import { Writable } from 'node:stream';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase } from '@parley/contracts';
import type { RunningService, StartOptions } from '@parley/runtime';
import { startService } from '@parley/runtime';
import type { IngressConfig } from '../src/config.js';
import { readServiceConfig } from '../src/config.js';
import type { IngressOverrides } from '../src/context.js';
import { buildService } from '../src/service.js';
import { API_KEY, seedCrm } from './fixtures.js';

/** The ingress service in process on its own prefix and schema, with the demo CRM rows, and ways to look inside. */
export interface IngressHarness {
  h: BusHarness;
  bus: Bus;
  svc: RunningService;
  /** Every log line the service wrote (nothing unless the test sets LOG_LEVEL), to check it for personal data. */
  logs: string[];
  /** The service's configuration with some variables changed, to start another instance on the same prefix and schema. */
  configFor(extra?: Record<string, string>): IngressConfig;
  /** Every stored event on a subject (e.g. `ticket.received.v1`) for the ticket, oldest first. */
  eventsFor(subject: string, ticketId: string): Promise<EnvelopeBase[]>;
  /** Waits until exactly `count` such events are stored, and returns them. */
  awaitEvents(subject: string, ticketId: string, count: number): Promise<EnvelopeBase[]>;
  ticketCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startIngress(
  label: string,
  env: Record<string, string> = {},
  options: IngressOverrides & Pick<StartOptions, 'logDestination'> = {},
): Promise<IngressHarness> {
  const { logDestination: ownLogs, ...overrides } = options;
  const h = await createBusHarness(label);
  // A bus of our own first: the harness deletes the file's streams through it, even if start-up fails.
  const bus = await h.bus();
  await seedCrm(h.db.db);
  const configFor = (extra: Record<string, string> = {}) =>
    readServiceConfig({
      ...h.env(),
      INGRESS_PORT: '0',
      HOST: '127.0.0.1',
      INGRESS_API_KEYS: API_KEY,
      LOG_LEVEL: 'silent',
      ...env,
      ...extra,
    });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  let svc: RunningService;
  try {
    svc = await startService(buildService(configFor(), overrides), {
      migrate: false,
      logDestination: ownLogs ?? logDestination,
    });
  } catch (err) {
    await h.close();
    throw err;
  }

  const eventsFor = (subject: string, ticketId: string) => h.stored(subject, ticketId);

  return {
    h,
    bus,
    svc,
    logs,
    configFor,
    eventsFor,
    async awaitEvents(subject, ticketId, count) {
      let found: EnvelopeBase[] = [];
      await waitFor(`${count} ${subject} for ${ticketId}`, async () => {
        found = await eventsFor(subject, ticketId);
        return found.length === count;
      });
      return found;
    },
    async ticketCount() {
      const row = await h.db.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      await svc.stop();
      await h.close();
    },
  };
}
