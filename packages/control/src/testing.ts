import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { controlBucket } from './kill-switch.js';

/** Removes a test prefix's control bucket; a no-op when it was never created. */
export async function dropControlBucket(nc: NatsConnection, prefix: string): Promise<void> {
  await new Kvm(nc)
    .open(controlBucket(prefix))
    .then((kv) => kv.destroy())
    .catch(() => undefined);
}
