import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { waitFor } from '@parley/bus/testing';
import type { EventOf, TicketResolved } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

/** The resolver service in process, on the harness's stream prefix and schema, with extra env on top. */
export function startResolver(h: BusHarness, env: Record<string, string> = {}): Promise<RunningService> {
  return startService(
    buildService(
      readServiceConfig({
        BUS_PREFIX: h.prefix,
        DATABASE_SCHEMA: h.db.config.schema,
        RESOLVER_PORT: '0',
        LOG_LEVEL: 'silent',
        ...env,
      }),
    ),
    { migrate: false },
  );
}

/** Waits until the latest `ticket.resolved` on the stream is this ticket's, and returns it. */
export async function resolvedFor(
  bus: Bus,
  prefix: string,
  ticketId: string,
): Promise<EventOf<typeof TicketResolved>> {
  const jsm = await bus.jsm();
  const found = await waitFor(`ticket.resolved for ${ticketId}`, async () => {
    const msg = await jsm.streams.getMessage(bus.topo.eventsStream, {
      last_by_subj: `${prefix}.ticket.resolved.v1`,
    });
    const event = msg ? (JSON.parse(msg.string()) as EventOf<typeof TicketResolved>) : undefined;
    return event?.ticketId === ticketId ? event : undefined;
  });
  return found!;
}
