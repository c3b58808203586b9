import type { Product, ProductPage, StockLevel } from '@concierge/shared/util-contracts';
import { nextPageCursor } from '../shared/page-cursor';
import type { AvailabilityDto, ProductDto, ProductPageDto } from './product.dto';

/** The public fields of a catalog product (never its tags, specs or internal dates). */
export function toProductDto(product: Product): ProductDto {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    category: product.category,
    description: product.description,
    price: { amount: product.price.amount, currency: product.price.currency },
    rating: product.rating,
    imageUrl: product.images.large,
  };
}

export function toProductPageDto(page: ProductPage): ProductPageDto {
  return {
    items: page.items.map(toProductDto),
    next: nextPageCursor(page.offset, page.items.length, page.total),
  };
}

/** The warehouse stays internal: partners learn what they can order. */
export function toAvailabilityDto(stock: StockLevel): AvailabilityDto {
  return {
    productId: stock.productId,
    available: stock.available,
    inStock: stock.available > 0,
    updatedAt: stock.updatedAt,
  };
}
