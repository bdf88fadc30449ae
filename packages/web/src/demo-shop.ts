import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { demoShopDir } from './index.js';

export interface DemoShop {
  url: string;
  close(): Promise<void>;
}

export interface DemoShopOptions {
  port: number;
  host?: string;
  /** Ingress's base URL: the widget script is loaded from it and talks to it. */
  ingressUrl: string;
  /** The store's public chat key (scope `chat`), as a store puts it in its pages. */
  chatKey: string;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A store's page with the chat widget on it, as a store would add it: one script tag. Served with a strict
 * Content-Security-Policy (scripts and calls only to ingress, styles from the page's own origin) to show the
 * widget needs no more than that.
 */
export async function startDemoShop(opts: DemoShopOptions): Promise<DemoShop> {
  const ingress = new URL(opts.ingressUrl).origin;
  const template = await readFile(join(demoShopDir, 'index.html'), 'utf8');
  const page = template
    .replace('%WIDGET_SRC%', escapeAttribute(`${ingress}/v1/chat/widget.js`))
    .replace('%CHAT_KEY%', escapeAttribute(opts.chatKey));
  const css = await readFile(join(demoShopDir, 'shop.css'));
  const csp = [
    "default-src 'none'",
    `script-src ${ingress}`,
    `connect-src ${ingress}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET' }).end();
    } else if (path === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (path === '/shop.css') {
      res.writeHead(200, { ...headers, 'content-type': 'text/css; charset=utf-8' }).end(css);
    } else {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as { port: number; address: string };
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
