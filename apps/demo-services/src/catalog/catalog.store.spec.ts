import { seedCatalog } from '../seed/catalog.seed';
import { DEFAULT_SEED } from '../seed/seed.constants';
import { CatalogStore } from './catalog.store';

describe(CatalogStore.name, () => {
  const sut = new CatalogStore(seedCatalog(DEFAULT_SEED));

  it('looks products up in the order asked, omitting unknown ids', () => {
    expect(sut.many(['p-0003', 'nope', 'p-0001']).map((p) => p.id)).toEqual(['p-0003', 'p-0001']);
  });

  it('pages a category and filters by text', () => {
    const page = sut.search({ category: 'books', offset: 5, limit: 10 });
    expect(page.total).toBe(30);
    expect(page.items).toHaveLength(10);
    expect(page.items.every((p) => p.category === 'books')).toBe(true);
    const brand = page.items[0].brand;
    const byText = sut.search({ q: brand.toUpperCase(), offset: 0, limit: 100 });
    expect(byText.total).toBeGreaterThan(0);
    expect(byText.items.every((p) => p.name.includes(brand) || p.brand === brand)).toBe(true);
  });

  it('relates products of the same category, never the product itself', () => {
    const related = sut.related('p-0001', 5);
    const category = sut.get('p-0001')?.product.category;
    expect(related).toHaveLength(5);
    expect(related?.every((p) => p.category === category && p.id !== 'p-0001')).toBe(true);
    expect(sut.related('p-9999', 5)).toBeUndefined();
  });
});
