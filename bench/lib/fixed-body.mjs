// The body every pass-through row carries: one product, exactly 1 KB of JSON, fixed for the whole run.
const SIZE = 1024;

function product(description) {
  return {
    id: 'p-0001',
    sku: 'SKU-0001',
    name: 'Trail running shoe',
    brand: 'Concierge',
    category: 'shoes',
    description,
    price: { amount: 12900, currency: 'EUR' },
    rating: 4.6,
    reviewCount: 128,
    images: { thumbnail: 'https://img.example/p-0001/t.jpg', full: ['https://img.example/p-0001/1.jpg'] },
    specs: { weight: '280 g', drop: '8 mm' },
    tags: ['running', 'trail'],
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The 1 KB JSON product as a string (padded in its description to exactly {@link SIZE} bytes). */
export function fixedProductJson() {
  const bare = JSON.stringify(product(''));
  return JSON.stringify(product('x'.repeat(SIZE - Buffer.byteLength(bare))));
}
