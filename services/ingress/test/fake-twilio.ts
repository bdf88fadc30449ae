import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  accountSid: string;
  authorization: string | undefined;
  params: URLSearchParams;
}

/** A local HTTP server speaking the wire format of Twilio's Messages API, keeping what it is sent. */
export interface FakeTwilio {
  url: string;
  sent: SentSms[];
  /** The next `count` requests are answered with this status and a Twilio error body. */
  failNext(count: number, status: number, code: number): void;
  close(): Promise<void>;
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const sent: SentSms[] = [];
  let failing = { count: 0, status: 500, code: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (
        req.method !== 'POST' ||
        !path ||
        req.headers['content-type'] !== 'application/x-www-form-urlencoded'
      ) {
        res.writeHead(404).end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
        return;
      }
      if (failing.count > 0) {
        failing.count--;
        res
          .writeHead(failing.status)
          .end(JSON.stringify({ code: failing.code, message: 'failed', status: failing.status }));
        return;
      }
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      sent.push({ accountSid: path[1]!, authorization: req.headers.authorization, params });
      const sid = `SM${String(sent.length).padStart(32, '0')}`;
      res
        .writeHead(201)
        .end(JSON.stringify({ sid, status: 'queued', to: params.get('To'), body: params.get('Body') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failNext(count, status, code) {
      failing = { count, status, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
