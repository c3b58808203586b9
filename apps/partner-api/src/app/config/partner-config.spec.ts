import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidPartnerConfigError, loadPartnerConfig } from './partner-config';

describe(loadPartnerConfig.name, () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'partner-config-')), 'plans.yaml');
    writeFileSync(path, content);
    return path;
  };

  it('compiles the built-in plans: a burst policy and a daily quota each', () => {
    const sut = loadPartnerConfig();
    expect(sut.plans.get('free')).toEqual({
      name: 'free',
      rate: { name: 'burst', limit: 5, windowSec: 1, burst: 10 },
      quota: { name: 'daily', limit: 1000, period: 'day' },
    });
    expect(sut.plans.get('standard')?.quota.limit).toBe(100_000);
  });

  it('reads a YAML file with monthly quotas and deprecations in RFC 9745 / 8594 form', () => {
    const sut = loadPartnerConfig(
      file(
        `plans:\n  gold: { rate: "100/1s", quota: "3000000/month" }\ndeprecations:\n  "GET /v1/products":\n    deprecation: "2026-01-01T00:00:00Z"\n    sunset: "2026-07-01T00:00:00Z"\n`,
      ),
    );
    expect(sut.plans.get('gold')?.quota).toEqual({ name: 'monthly', limit: 3_000_000, period: 'month' });
    expect(sut.deprecations.get('GET /v1/products')).toEqual({
      deprecation: '@1767225600',
      sunset: 'Wed, 01 Jul 2026 00:00:00 GMT',
    });
  });

  it('stops start-up naming the file and the entry when a plan is wrong', () => {
    expect(() =>
      loadPartnerConfig(file('plans:\n  free: { rate: "5 per second", quota: "1000/day" }\n')),
    ).toThrow(/plans\/free\/rate/);
    expect(() => loadPartnerConfig(file('plans:\n  free: { rate: "5/1s", quota: "1000/week" }\n'))).toThrow(
      InvalidPartnerConfigError,
    );
    expect(() => loadPartnerConfig(file('plans: {}\n'))).toThrow(/plans\.yaml/);
    expect(() => loadPartnerConfig('/no/such/file.yaml')).toThrow(/PARTNER_CONFIG_FILE/);
  });
});
