import { gcra, type RateLimitPolicy } from './gcra';

const policy = (name: string, limit: number, windowSec: number, burst = limit): RateLimitPolicy => ({
  name,
  limit,
  windowSec,
  burst,
});

/** A bucket driven by gcra() with a clock the test moves. */
function bucket(policies: RateLimitPolicy[]) {
  let tats: (number | undefined)[] = policies.map(() => undefined);
  let now = 1_000_000;
  return {
    advance(ms: number) {
      now += ms;
    },
    hit(cost = 1) {
      const { decision, newTats } = gcra(policies, tats, now, cost);
      if (newTats) tats = [...newTats];
      return decision;
    },
    allowedOf(count: number) {
      let allowed = 0;
      for (let i = 0; i < count; i++) if (this.hit().allowed) allowed++;
      return allowed;
    },
  };
}

describe(gcra.name, () => {
  it('allows exactly the limit at once from a full bucket, then refuses', () => {
    const sut = bucket([policy('default', 600, 60)]);
    expect(sut.allowedOf(1000)).toBe(600);
  });

  it('allows exactly the burst when it is smaller than the limit', () => {
    const sut = bucket([policy('default', 600, 60, 50)]);
    expect(sut.allowedOf(100)).toBe(50);
  });

  it('is smooth: after the burst, one request per emission interval and no more', () => {
    const sut = bucket([policy('default', 10, 1)]); // one every 100 ms
    expect(sut.allowedOf(20)).toBe(10);
    for (let step = 0; step < 50; step++) {
      sut.advance(99);
      expect(sut.hit().allowed).toBe(false);
      sut.advance(1);
      expect(sut.hit().allowed).toBe(true);
      expect(sut.hit().allowed).toBe(false);
    }
  });

  it('refills the whole burst after the window, not before', () => {
    const sut = bucket([policy('default', 5, 10)]); // one every 2 s
    expect(sut.allowedOf(5)).toBe(5);
    sut.advance(9_999);
    expect(sut.allowedOf(5)).toBe(4);
    sut.advance(10_000);
    expect(sut.allowedOf(10)).toBe(5);
  });

  it('reports remaining so that the response showing r=0 is the last one allowed', () => {
    const sut = bucket([policy('default', 5, 60)]);
    const remaining = [1, 2, 3, 4, 5].map(() => sut.hit().policies[0].remaining);
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const denied = sut.hit();
    expect(denied.allowed).toBe(false);
    expect(denied.policies[0].remaining).toBe(0);
  });

  it('gives Retry-After seconds after which the request is allowed, and not a second less', () => {
    const sut = bucket([policy('default', 2, 30)]); // one every 15 s
    sut.allowedOf(2);
    const denied = sut.hit();
    expect(denied.retryAfterSec).toBe(15);
    sut.advance(14_000);
    expect(sut.hit().allowed).toBe(false);
    sut.advance(1_000);
    expect(sut.hit().allowed).toBe(true);
  });

  it('reports seconds until the quota is full again', () => {
    const sut = bucket([policy('default', 60, 60)]);
    expect(sut.hit().policies[0].resetSec).toBe(1);
    sut.allowedOf(9);
    expect(sut.hit().policies[0].resetSec).toBe(11);
    sut.advance(60_000);
    expect(sut.hit().policies[0].resetSec).toBe(1);
  });

  it('allows a request only when every policy allows it, and a refused one consumes from none', () => {
    const sut = bucket([policy('burst', 3, 1), policy('sustained', 5, 60)]);
    expect(sut.allowedOf(10)).toBe(3); // the burst policy stops it
    sut.advance(1_000);
    const decision = sut.hit();
    expect(decision.allowed).toBe(true);
    expect(decision.policies.map((d) => d.remaining)).toEqual([2, 1]);
    expect(sut.allowedOf(10)).toBe(1); // the sustained policy stops it now: 5 in all
    sut.advance(1_000);
    const refused = sut.hit();
    expect(refused.allowed).toBe(false);
    expect(refused.policies.map((d) => [d.policy.name, d.allowed])).toEqual([
      ['burst', true],
      ['sustained', false],
    ]);
    // The refusals by "sustained" did not drain "burst": it still has its full 3.
    expect(refused.policies[0].remaining).toBe(3);
    expect(refused.retryAfterSec).toBe(10); // one sustained slot every 12 s, 2 s already passed
  });

  it('charges a cost of several units at once', () => {
    const sut = bucket([policy('default', 10, 10)]);
    expect(sut.hit(4).policies[0].remaining).toBe(6);
    expect(sut.hit(7).allowed).toBe(false);
    expect(sut.hit(6).policies[0].remaining).toBe(0);
  });

  it('holds the limit exactly for rates whose interval is not a whole number', () => {
    const sut = bucket([policy('default', 7, 60)]); // 8571.428… ms
    expect(sut.allowedOf(20)).toBe(7);
    let allowed = 0;
    for (let ms = 0; ms < 600_000; ms += 100) {
      sut.advance(100);
      if (sut.hit().allowed) allowed++;
    }
    expect(allowed).toBe(70);
  });
});
