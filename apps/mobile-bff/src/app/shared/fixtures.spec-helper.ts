import type { Order, Product, UserProfile } from '@concierge/shared/util-contracts';

/** Plain service payloads for mapper specs: only what a test changes is spelled out where it is used. */
export function product(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    brand: 'Acme',
    category: 'audio',
    description: 'A fine thing.',
    price: { amount: 19.99, currency: 'EUR' },
    rating: 4.5,
    reviewCount: 12,
    images: {
      thumbnail: `https://img.example/${id}/thumbnail.jpg`,
      medium: `https://img.example/${id}/medium.jpg`,
      large: `https://img.example/${id}/large.jpg`,
    },
    specs: { colour: 'black' },
    tags: ['new'],
    createdAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function order(id: string, productIds: string[], overrides: Partial<Order> = {}): Order {
  return {
    id,
    userId: 'u-1',
    status: 'shipped',
    items: productIds.map((productId) => ({
      productId,
      quantity: 2,
      unitPrice: { amount: 5, currency: 'EUR' },
    })),
    total: { amount: 10 * productIds.length, currency: 'EUR' },
    createdAt: '2024-02-01T10:00:00.000Z',
    ...overrides,
  };
}

export function profile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    id: 'u-1',
    username: 'alice',
    displayName: 'Alice Liddell',
    email: 'alice@example.com',
    avatarUrl: 'https://cdn.example/avatars/u-1.png',
    memberSince: '2020-01-01',
    tier: 'gold',
    address: { line1: '1 Rabbit Hole', city: 'Oxford', postcode: 'OX1', country: 'GB' },
    preferences: {
      language: 'en-GB',
      currency: 'GBP',
      newsletter: false,
      theme: 'system',
      favouriteCategories: [],
    },
    ...overrides,
  };
}
