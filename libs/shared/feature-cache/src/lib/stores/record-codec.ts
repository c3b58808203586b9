import type { CacheRecord } from './cache-store';

/**
 * One binary value per record, so a hit is one round trip: a 4-byte length, the JSON of everything but
 * the body, then the body's bytes as they are.
 */
export function encodeRecord(record: CacheRecord): Buffer {
  const { body, ...meta } = record.kind === 'response' ? record : { ...record, body: undefined };
  const json = Buffer.from(JSON.stringify(meta));
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat(body ? [length, json, body] : [length, json]);
}

/** The record `encodeRecord` wrote; throws on anything else. */
export function decodeRecord(value: Buffer): CacheRecord {
  const length = value.readUInt32BE(0);
  const meta = JSON.parse(value.subarray(4, 4 + length).toString('utf8')) as CacheRecord;
  if (meta.kind === 'response') return { ...meta, body: value.subarray(4 + length) };
  if (meta.kind === 'vary') return meta;
  throw new Error('not a cache record');
}
