import { formatCacheStatus, withCacheStatus } from './cache-status';

describe(formatCacheStatus.name, () => {
  it('writes RFC 9211 parameters in order, quoting a detail that is not a token', () => {
    expect(formatCacheStatus('concierge', { hit: true, ttl: 41.6 })).toBe('concierge; hit; ttl=42');
    expect(formatCacheStatus('concierge', { fwd: 'stale', fwdStatus: 304, stored: true })).toBe(
      'concierge; fwd=stale; fwd-status=304; stored',
    );
    expect(formatCacheStatus('concierge', { fwd: 'uri-miss', detail: 'no store' })).toBe(
      'concierge; fwd=uri-miss; detail="no store"',
    );
  });

  it('appends after the entries of caches nearer the origin', () => {
    expect(
      withCacheStatus({ 'cache-status': 'origin-cdn; hit' }, 'concierge', { fwd: 'uri-miss' })[
        'cache-status'
      ],
    ).toBe('origin-cdn; hit, concierge; fwd=uri-miss');
  });
});
