import type { Product, StockLevel } from '@concierge/shared/util-contracts';
import { SeededRandom } from './prng';
import {
  ADJECTIVES,
  CATEGORIES,
  DESCRIPTION_BODIES,
  DESCRIPTION_CLOSERS,
  DESCRIPTION_DETAILS,
  DESCRIPTION_OPENERS,
} from './catalog.words';
import { CURRENCY, DAY_MS, SEED_EPOCH_MS, centsToAmount } from './seed.constants';

export interface Category {
  id: string;
  name: string;
  productCount: number;
}

export interface CatalogSeed {
  products: Product[];
  stock: StockLevel[];
  categories: Category[];
}

const PRODUCTS_PER_CATEGORY = 30;
const IMAGE_BASE = 'https://cdn.example.com/catalog';
const WAREHOUSES = ['AMS-1', 'FRA-2', 'DUB-1', 'MAD-3'];

function productId(index: number): string {
  return `p-${String(index).padStart(4, '0')}`;
}

/** ~300 products across 10 categories, each about 1 KB of JSON, plus their stock levels. */
export function seedCatalog(seed: number): CatalogSeed {
  const rng = new SeededRandom(seed, 'catalog');
  const products: Product[] = [];
  const stock: StockLevel[] = [];
  let index = 0;
  for (let round = 0; round < PRODUCTS_PER_CATEGORY; round++) {
    // Interleave categories so ids do not cluster by category, as in a real catalog grown over time.
    for (const category of CATEGORIES) {
      index += 1;
      const id = productId(index);
      const brand = rng.pick(category.brands);
      const noun = rng.pick(category.nouns);
      const model = `${rng.pick(ADJECTIVES)} ${rng.int(2, 9)}${rng.pick(['', 'S', 'X', ' Plus', ' Lite'])}`;
      const [min, max] = category.priceRange;
      const cents = rng.int(min, max) * 100 + rng.pick([0, 49, 90, 95, 99]);
      const specs: Record<string, string> = {};
      for (const [key, values] of Object.entries(category.specs)) specs[key] = rng.pick(values);
      const createdAt = new Date(SEED_EPOCH_MS - rng.int(30, 900) * DAY_MS).toISOString();
      products.push({
        id,
        sku: `${category.id.slice(0, 3).toUpperCase()}-${brand.slice(0, 3).toUpperCase()}-${String(index).padStart(5, '0')}`,
        name: `${brand} ${model} ${noun}`,
        brand,
        category: category.id,
        description: `${rng.pick(DESCRIPTION_OPENERS)} the ${brand} ${model} ${noun.toLowerCase()} ${rng.pick(DESCRIPTION_BODIES)} ${rng.pick(DESCRIPTION_DETAILS)} ${rng.pick(DESCRIPTION_CLOSERS)}`,
        price: { amount: centsToAmount(cents), currency: CURRENCY },
        rating: Math.round((3 + rng.float() * 2) * 10) / 10,
        reviewCount: rng.int(0, 4800),
        images: {
          thumbnail: `${IMAGE_BASE}/${id}/thumbnail-160x160.jpg`,
          medium: `${IMAGE_BASE}/${id}/medium-640x640.jpg`,
          large: `${IMAGE_BASE}/${id}/large-1600x1600.jpg`,
        },
        specs,
        tags: rng.sample(category.tags, rng.int(1, 3)),
        createdAt,
      });
      stock.push({
        productId: id,
        available: rng.chance(0.08) ? 0 : rng.int(1, 250),
        warehouse: rng.pick(WAREHOUSES),
        updatedAt: new Date(SEED_EPOCH_MS - rng.int(1, 72) * 3_600_000).toISOString(),
      });
    }
  }
  const categories = CATEGORIES.map((c) => ({ id: c.id, name: c.name, productCount: PRODUCTS_PER_CATEGORY }));
  return { products, stock, categories };
}
