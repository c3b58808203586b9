import type { Product, ProductPage, StockLevel } from '@concierge/shared/util-contracts';
import type { CatalogSeed, Category } from '../seed/catalog.seed';
import { strongEtag } from './etag';

/** A product as it goes on the wire, serialized once: the 1 KB benchmark route serves these bytes as they are. */
export interface ProductEntry {
  product: Product;
  json: string;
  etag: string;
}

export interface ProductQuery {
  category?: string;
  q?: string;
  offset: number;
  limit: number;
}

/** Read side of the catalog: lookups, search, related products, stock. */
export class CatalogStore {
  private readonly entries = new Map<string, ProductEntry>();
  private readonly stock = new Map<string, StockLevel>();
  readonly categories: readonly Category[];

  constructor(seed: CatalogSeed) {
    for (const product of seed.products) {
      const json = JSON.stringify(product);
      this.entries.set(product.id, { product, json, etag: strongEtag(json) });
    }
    for (const level of seed.stock) this.stock.set(level.productId, level);
    this.categories = seed.categories;
  }

  get(id: string): ProductEntry | undefined {
    return this.entries.get(id);
  }

  /** Order preserved, unknown ids omitted. */
  many(ids: readonly string[]): Product[] {
    return ids.flatMap((id) => this.entries.get(id)?.product ?? []);
  }

  search(query: ProductQuery): ProductPage {
    const needle = query.q?.trim().toLowerCase();
    const matches: Product[] = [];
    for (const { product } of this.entries.values()) {
      if (query.category && product.category !== query.category) continue;
      if (needle && !searchText(product).includes(needle)) continue;
      matches.push(product);
    }
    return {
      items: matches.slice(query.offset, query.offset + query.limit),
      total: matches.length,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Same category, best rated first; the product itself excluded. */
  related(id: string, limit: number): Product[] | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    return [...this.entries.values()]
      .map((e) => e.product)
      .filter((p) => p.category === entry.product.category && p.id !== id)
      .sort((a, b) => b.rating - a.rating || a.id.localeCompare(b.id))
      .slice(0, limit);
  }

  stockOf(id: string): StockLevel | undefined {
    return this.stock.get(id);
  }

  stockOfMany(ids: readonly string[]): StockLevel[] {
    return ids.flatMap((id) => this.stock.get(id) ?? []);
  }
}

const searchCache = new WeakMap<Product, string>();

function searchText(product: Product): string {
  let text = searchCache.get(product);
  if (text === undefined) {
    text = [product.name, product.brand, product.category, ...product.tags].join(' ').toLowerCase();
    searchCache.set(product, text);
  }
  return text;
}
