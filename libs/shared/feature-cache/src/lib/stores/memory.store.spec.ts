import CachePolicy from 'http-cache-semantics';
import type { StoredResponse } from './cache-store';
import { MemoryStore } from './memory.store';

function record(url: string, body: Buffer): StoredResponse {
  const policy = new CachePolicy(
    { url, headers: {} },
    { status: 200, headers: { 'cache-control': 'max-age=60' } },
  );
  return {
    kind: 'response',
    policy: policy.toObject(),
    status: 200,
    headers: { 'cache-control': 'max-age=60' },
    body,
  };
}

describe(MemoryStore.name, () => {
  it('counts the key and the URL the policy keeps, not only the body', async () => {
    const sut = new MemoryStore();
    const url = `/page?pad=${'p'.repeat(4000)}`;
    await sut.set(`GET ${url}`, record(url, Buffer.from('tiny')), 60_000);
    expect(sut.size).toBeGreaterThan(2 * 4000);
  });

  it('holds a copy of a body that is a view onto a larger buffer, so it pins no more than it counts', async () => {
    const sut = new MemoryStore();
    const slab = Buffer.alloc(64 * 1024, 'x');
    await sut.set('GET /small', record('/small', slab.subarray(10, 20)), 60_000);
    const stored = (await sut.get('GET /small')) as StoredResponse;
    expect(stored.body.toString()).toBe('xxxxxxxxxx');
    expect(stored.body.buffer.byteLength).toBe(10);
  });
});
