import {
  bodyOf,
  secondsToUtcMidnight,
  startPartnerGateway,
  type PartnerGatewayUnderTest,
} from './partner-gateway';

describe('partner-api plans in process (e2e, built bundles)', () => {
  let gw: PartnerGatewayUnderTest;

  beforeAll(async () => {
    gw = await startPartnerGateway();
  }, 60_000);
  afterAll(() => gw?.close());

  it('names both policies on every answer and shows the one nearest exhaustion', async () => {
    const partner = await gw.partner('tiny');
    const response = await gw.call('/v1/products/p-0001', partner.key);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-policy')).toBe('"burst";q=1000;w=1, "daily";q=5;w=86400');
    expect(response.headers.get('ratelimit')).toMatch(/^"daily";r=4;t=\d+$/);
  });

  it('answers 429 rate-limited past the burst, with Retry-After to the next token, and counts nothing in the quota', async () => {
    const partner = await gw.partner('bursty');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => gw.call('/v1/products/p-0001', partner.key)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429) as Response;
    const problem = await bodyOf(refused);
    expect(problem).toMatchObject({ status: 429, type: expect.stringMatching(/\/rate-limited$/) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(refused.headers.get('ratelimit')).toMatch(/^"burst";r=0;t=\d+$/);
    const usage = await bodyOf(await gw.call('/v1/usage', partner.key));
    expect(usage.total).toBe(6);
  });

  it('answers 429 quota-exhausted past the daily quota, with Retry-After to the next UTC midnight', async () => {
    const partner = await gw.partner('tiny');
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await gw.call('/v1/products/p-0001', partner.key);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const problem = await bodyOf(refused as Response);
    expect(problem.type).toMatch(/\/quota-exhausted$/);
    const expected = secondsToUtcMidnight();
    expect(Math.abs(Number(refused?.headers.get('retry-after')) - expected)).toBeLessThanOrEqual(2);
    expect(refused?.headers.get('ratelimit')).toMatch(/^"daily";r=0;t=\d+$/);
  });
});
