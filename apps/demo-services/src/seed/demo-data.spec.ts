import { buildDemoData } from './demo-data';
import { DEFAULT_SEED } from './seed.constants';

describe(buildDemoData.name, () => {
  const sut = buildDemoData(DEFAULT_SEED);

  it('builds the same data on every start', () => {
    const again = buildDemoData(DEFAULT_SEED);
    expect(JSON.stringify([...again.recommendations])).toBe(JSON.stringify([...sut.recommendations]));
    expect(JSON.stringify({ ...again, recommendations: null })).toBe(
      JSON.stringify({ ...sut, recommendations: null }),
    );
  });

  it('builds different data for a different seed', () => {
    expect(buildDemoData(DEFAULT_SEED + 1).catalog.products[0]).not.toEqual(sut.catalog.products[0]);
  });

  it('keeps the fixed demo identities', () => {
    expect(sut.users.slice(0, 3).map((u) => [u.id, u.username])).toEqual([
      ['u-1000', 'admin'],
      ['u-1001', 'alice'],
      ['u-1002', 'bob'],
    ]);
    expect(sut.users.length).toBeGreaterThanOrEqual(33);
    expect(new Set(sut.users.map((u) => u.username)).size).toBe(sut.users.length);
  });

  it('seeds about 300 products in 10 categories, each about 1 KB of JSON', () => {
    const { products, categories } = sut.catalog;
    expect(products).toHaveLength(300);
    expect(categories).toHaveLength(10);
    const sizes = products.map((p) => Buffer.byteLength(JSON.stringify(p)));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(850);
    expect(mean).toBeLessThan(1200);
  });

  it('gives alice 12 orders and bob 5, priced from the catalog', () => {
    const byUser = (id: string) => sut.orders.filter((o) => o.userId === id);
    expect(byUser('u-1001')).toHaveLength(12);
    expect(byUser('u-1002')).toHaveLength(5);
    const prices = new Map(sut.catalog.products.map((p) => [p.id, p.price.amount]));
    for (const item of sut.orders.flatMap((o) => o.items))
      expect(item.unitPrice.amount).toBe(prices.get(item.productId));
  });

  it('seeds devices dev-0001 to dev-0020, each owned by a seeded user', () => {
    const userIds = new Set(sut.users.map((u) => u.id));
    expect(sut.devices.map((d) => d.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`),
    );
    for (const device of sut.devices) expect(userIds.has(device.ownerId)).toBe(true);
    expect(sut.devices[0].ownerId).toBe('u-1001');
  });
});
