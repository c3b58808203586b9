import { eventually, startTestRedis, TEST_REDIS_KINDS, type TestRedis } from '@concierge/shared/util-testing';
import { bodyOf, startPartnerGateway, type PartnerGatewayUnderTest } from './partner-gateway';

describe.each(TEST_REDIS_KINDS)(
  'partner-api plans shared by two replicas on a Redis %s (e2e, built bundles)',
  (kind) => {
    let redis: TestRedis;
    let gw: PartnerGatewayUnderTest;

    beforeAll(async () => {
      // REDIS_URL, or REDIS_CLUSTER_NODES of a 3-master cluster (quotas, rates and usage all on it).
      redis = await startTestRedis(kind, 'partner');
      // A unique key prefix per run (the suite's own, removed by stop()); apps are new per test too.
      // A loaded machine can answer Redis later than the production deadline (250 ms), and the fail mode
      // would then decide instead of Redis: give Redis time, and fail closed so nothing is ever served uncounted.
      gw = await startPartnerGateway({
        replicas: 2,
        env: {
          ...redis.environment,
          PARTNER_REDIS_PREFIX: redis.prefix,
          RATE_LIMIT_FAIL_MODE: 'closed',
          PARTNER_REDIS_TIMEOUT_MS: '3000',
        },
      });
    }, 60_000);
    afterAll(async () => {
      await gw?.close();
      await redis?.stop();
    });

    it('serves exactly the daily quota across both replicas, never a quota per replica', async () => {
      const partner = await gw.partner('daily20');
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => gw.call('/v1/products/p-0001', partner.key, { replica: i % 2 })),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40);
      await Promise.all(answers.map((a) => a.arrayBuffer()));
    });

    it('holds one burst across both replicas', async () => {
      const partner = await gw.partner('shared');
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => gw.call('/v1/products/p-0001', partner.key, { replica: i % 2 })),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
      await Promise.all(answers.map((a) => a.arrayBuffer()));
    });

    it('adds up usage from both replicas: the figures equal the requests made', async () => {
      const partner = await gw.partner('roomy');
      for (let i = 0; i < 10; i++) {
        const response = await gw.call('/v1/products/p-0002', partner.key, { replica: i % 2 });
        expect([response.status, response.status === 200 ? '' : await response.text()]).toEqual([200, '']);
      }
      const fromA = await bodyOf(await gw.call('/v1/usage', partner.key, { replica: 0 }));
      expect(fromA.total).toBe(10);
      // Usage is written once the answer has gone out: A's own /v1/usage call lands a moment later.
      // The operators' listener reads the shared figure without adding to it.
      const storedTotal = async () => {
        const all = await bodyOf(await fetch(`${gw.replicas[1].adminUrl}/admin/usage`));
        return all.days.find((d: { consumer: string }) => d.consumer === partner.id)?.total;
      };
      await eventually(async () => (await storedTotal()) === 11, 5_000);
      const fromB = await bodyOf(await gw.call('/v1/usage', partner.key, { replica: 1 }));
      expect(fromB.total).toBe(11);
    });
  },
);
