import { randomBytes } from 'node:crypto';

// Crockford base32, as in ULIDs: sortable by creation time, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encode(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** `<prefix>_` + a ULID: 48 bits of milliseconds then 80 random bits, so ids sort by creation. */
export function newId(prefix: string, now: number = Date.now()): string {
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`);
  return `${prefix}_${encode(BigInt(now), 10)}${encode(random, 16)}`;
}

/** `tkt_` + a ULID, so ticket ids sort by arrival. */
export function newTicketId(now: number = Date.now()): string {
  return newId('tkt', now);
}
