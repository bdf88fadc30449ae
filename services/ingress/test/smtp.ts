import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The parsed message, and the raw header block for exact header checks. */
  mail: ParsedMail;
  headers: string;
}

/** A real SMTP server on a local port, requiring a login, that keeps what it receives. */
export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** The next `count` messages are refused after their data is read (a 451, as a busy server answers). */
  refuseNext(count: number): void;
  /** Messages refused so far, parsed, to check a retry carries the same Message-ID. */
  refused: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(login: { user: string; pass: string }): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refused: ReceivedMail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to make, and nodemailer then logs in without STARTTLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === login.user && auth.password === login.pass) done(null, { user: auth.username });
      else done(new Error('invalid login'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const item: ReceivedMail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              mail,
              headers: raw.toString('utf8').split('\r\n\r\n')[0]!,
            };
            if (refuse > 0) {
              refuse--;
              refused.push(item);
              const err = Object.assign(new Error('try again later'), { responseCode: 451 });
              done(err);
              return;
            }
            received.push(item);
            done();
          })
          .catch(done);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refused,
    refuseNext(count) {
      refuse = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
