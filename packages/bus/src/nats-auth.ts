import { readFileSync } from 'node:fs';
import type { Authenticator } from '@nats-io/transport-node';
import {
  credsAuthenticator,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
} from '@nats-io/transport-node';
import type { NatsAuth } from '@parley/config';

const encoder = new TextEncoder();

/**
 * The @nats-io authenticator for the configured credentials. Seed and creds files are read on every
 * (re)connection, so rotating a file needs no restart.
 */
export function natsAuthenticator(auth: NatsAuth): Authenticator | undefined {
  switch (auth.method) {
    case 'none':
      return undefined;
    case 'user_password':
      return usernamePasswordAuthenticator(auth.user, auth.password);
    case 'token':
      return tokenAuthenticator(auth.token);
    case 'nkey':
      return nkeyAuthenticator(encoder.encode(auth.seed));
    case 'nkey_file':
      return nkeyAuthenticator(() => encoder.encode(readFileSync(auth.seedFile, 'utf8').trim()));
    case 'creds':
      return credsAuthenticator(() => readFileSync(auth.credsFile));
  }
}
