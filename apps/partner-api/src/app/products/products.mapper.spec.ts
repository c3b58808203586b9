import type { Product } from '@concierge/shared/util-contracts';
import { decodePageCursor } from '../shared/page-cursor';
import { toAvailabilityDto, toProductDto, toProductPageDto } from './products.mapper';

const product = (id: string): Product => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  brand: 'Brand',
  category: 'audio',
  description: 'Loud.',
  price: { amount: 19.99, currency: 'EUR' },
  rating: 4.5,
  reviewCount: 12,
  images: { thumbnail: 't.jpg', medium: 'm.jpg', large: 'l.jpg' },
  specs: { internal: 'x' },
  tags: ['secret-tag'],
  createdAt: '2025-01-01T00:00:00Z',
});

describe(toProductDto.name, () => {
  it('keeps the public fields only', () => {
    const sut = toProductDto(product('p-1'));
    expect(sut).toEqual({
      id: 'p-1',
      sku: 'SKU-p-1',
      name: 'Product p-1',
      brand: 'Brand',
      category: 'audio',
      description: 'Loud.',
      price: { amount: 19.99, currency: 'EUR' },
      rating: 4.5,
      imageUrl: 'l.jpg',
    });
  });
});

describe(toProductPageDto.name, () => {
  it('points the next cursor after this page, and has none on the last', () => {
    const page = toProductPageDto({ items: [product('p-1'), product('p-2')], total: 5, offset: 0, limit: 2 });
    expect(decodePageCursor(page.next as string)).toBe(2);
    expect(toProductPageDto({ items: [product('p-5')], total: 5, offset: 4, limit: 2 }).next).toBeNull();
  });
});

describe(toAvailabilityDto.name, () => {
  it('says whether it can be ordered, without the warehouse', () => {
    expect(
      toAvailabilityDto({ productId: 'p-1', available: 0, warehouse: 'w-secret', updatedAt: 'now' }),
    ).toEqual({
      productId: 'p-1',
      available: 0,
      inStock: false,
      updatedAt: 'now',
    });
  });
});
