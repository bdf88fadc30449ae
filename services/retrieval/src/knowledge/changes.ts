import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { KnowledgeChanged } from '@parley/contracts';
import type { Logger } from '@parley/telemetry';
import type { KnowledgeIndex } from '../search/knowledge-index.js';

/**
 * Follows kb.changed with a plain (non-durable) subscription: every replica must see every change, so they
 * cannot share a consumer. A replica that was down rebuilds from the database at start-up instead.
 */
export function followKnowledgeChanges(
  nc: NatsConnection,
  prefix: string,
  index: KnowledgeIndex,
  log: Logger,
): Subscription {
  return nc.subscribe(`${prefix}.${KnowledgeChanged.subject}`, {
    callback: (err, msg) => {
      if (err) {
        log.warn({ err }, 'kb.changed subscription error');
        return;
      }
      let raw: unknown;
      try {
        raw = msg.json();
      } catch {
        log.warn({ subject: msg.subject }, 'kb.changed message is not JSON; ignored');
        return;
      }
      const parsed = KnowledgeChanged.envelope.safeParse(raw);
      if (!parsed.success) {
        log.warn({ subject: msg.subject }, 'kb.changed message fails its schema; ignored');
        return;
      }
      const change = parsed.data.payload;
      index.apply(change).then(
        (applied) =>
          applied &&
          log.info(
            { sourceId: change.sourceId, revision: change.revision, chunks: index.size },
            'knowledge index updated',
          ),
        (err: unknown) =>
          log.error(
            { err, sourceId: change.sourceId, revision: change.revision },
            'knowledge change not applied',
          ),
      );
    },
  });
}
