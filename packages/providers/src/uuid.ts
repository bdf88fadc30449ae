import { createHash } from 'node:crypto';

/** Fixed namespace for Parley point ids, so the same string id maps to the same UUID in every process. */
export const POINT_ID_NAMESPACE = '5b1f6d0e-8f7a-4c53-9d1e-2a6c0b9e4f71';

/** RFC 9562 version-5 (SHA-1, name-based) UUID. Qdrant accepts only unsigned integers or UUIDs as point ids. */
export function uuidV5(name: string, namespace = POINT_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new TypeError(`namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
