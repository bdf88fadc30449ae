import { principalOf } from '@parley/runtime';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HandoffMetrics } from '../events.js';
import type { InboxHub, LiveMessage } from '../live/hub.js';

const PING_MS = 15_000;

function frame(message: LiveMessage): string {
  return `event: ${message.type}\ndata: ${JSON.stringify(message.type === 'change' ? message.change : {})}\n\n`;
}

/**
 * Server-sent events for a signed-in workspace: `change` for each inbox item inserted or updated in the
 * agent's workspace (new, sent, taken over, reopened, breached...), `resync` when changes may have been
 * missed. Comments keep proxies from closing an idle stream. The browser's EventSource reconnects by itself.
 */
export function liveStream(hub: InboxHub, metrics: HandoffMetrics) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const { workspace } = principalOf(request);
    reply.hijack();
    const raw = reply.raw;
    // The security headers set for the route so far (helmet's), which a hijacked reply must send itself.
    const headers = Object.fromEntries(
      Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined),
    ) as OutgoingHttpHeaders;
    const write = (text: string) => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(text);
    };
    const remove = hub.subscribe({ workspace, send: (m) => write(frame(m)), close: () => raw.end() });
    if (!remove) {
      raw.writeHead(503, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'retry-after': '5',
      });
      raw.end(JSON.stringify({ error: 'unavailable', message: 'too many live streams; retry later' }));
      return;
    }
    metrics.liveStreams.inc();
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    write(`retry: 3000\n\nevent: ready\ndata: {}\n\n`);
    const ping = setInterval(() => write(': ping\n\n'), PING_MS);
    ping.unref();
    raw.once('close', () => {
      clearInterval(ping);
      remove();
      metrics.liveStreams.dec();
    });
  };
}
