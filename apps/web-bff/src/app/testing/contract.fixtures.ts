import type { Order, Product, StockLevel } from '@concierge/shared/util-contracts';

/** Plain contract objects for mapper specs; only what a spec overrides matters to it. */
export function aProduct(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    brand: 'Acme',
    category: 'lamps',
    description: 'A product.',
    price: { amount: 10, currency: 'EUR' },
    rating: 4.5,
    reviewCount: 3,
    images: { thumbnail: `/img/${id}-t.jpg`, medium: `/img/${id}-m.jpg`, large: `/img/${id}-l.jpg` },
    specs: { colour: 'red' },
    tags: ['new'],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aStock(productId: string, available = 7): StockLevel {
  return { productId, available, warehouse: 'north', updatedAt: '2025-06-01T00:00:00.000Z' };
}

export function anOrder(id: string, productIds: string[], overrides: Partial<Order> = {}): Order {
  return {
    id,
    userId: 'u-1',
    status: 'paid',
    items: productIds.map((productId) => ({
      productId,
      quantity: 2,
      unitPrice: { amount: 5, currency: 'EUR' },
    })),
    total: { amount: 10 * productIds.length, currency: 'EUR' },
    createdAt: '2025-05-01T00:00:00.000Z',
    ...overrides,
  };
}
