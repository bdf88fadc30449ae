import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { ActionAuthorised } from '@parley/contracts';
import type { ActionsDeps } from './context.js';
import { onActionAuthorised } from './handlers/on-action-authorised.js';

/** What the actions service consumes: authorised actions to execute. */
export function actionsCatalog(deps: ActionsDeps, concurrency: number): Catalog {
  return {
    authorised: consumer({
      event: ActionAuthorised,
      ackWaitMs: 30_000,
      maxDeliver: 8,
      backoffMs: [500, 2_000, 10_000, 30_000],
      concurrency,
      // The store changes before the commit: each action in a transaction of its own, so a transaction lost
      // before its commit sends one action back to the store (which its id makes harmless), not a batch of them.
      commitAlone: true,
      handler: (e, ctx) => onActionAuthorised(e, ctx, deps),
    }),
  };
}
