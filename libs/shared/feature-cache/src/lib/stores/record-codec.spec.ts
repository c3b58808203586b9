import CachePolicy from 'http-cache-semantics';
import type { StoredResponse, VaryIndex } from './cache-store';
import { decodeRecord, encodeRecord } from './record-codec';

describe(encodeRecord.name, () => {
  it('round-trips a response with a binary body and a vary index', () => {
    const policy = new CachePolicy(
      { url: '/a', headers: {} },
      { status: 200, headers: { 'cache-control': 'max-age=5' } },
    );
    const record: StoredResponse = {
      kind: 'response',
      policy: policy.toObject(),
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'x-many': ['a', 'b'] },
      body: Buffer.from([0, 1, 2, 255]),
    };
    expect(decodeRecord(encodeRecord(record))).toEqual(record);
    const index: VaryIndex = { kind: 'vary', fields: ['accept-language'], generation: 'g1' };
    expect(decodeRecord(encodeRecord(index))).toEqual(index);
  });
});
