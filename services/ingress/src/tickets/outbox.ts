import type { Bus } from '@parley/bus';

/** The part of the bus a request handler needs: write events with the state change, publish after commit. */
export type Outbox = Pick<Bus, 'emitInTransaction' | 'emitGuarded' | 'flush'>;
