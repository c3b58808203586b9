export interface ProductImages {
  thumbnail: string;
  medium: string;
  large: string;
}

export interface Money {
  amount: number;
  currency: string;
}

/** A product as the catalog service returns it (`GET /products/:id`, `GET /products?ids=...`). */
export interface Product {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: string;
  description: string;
  price: Money;
  rating: number;
  reviewCount: number;
  images: ProductImages;
  specs: Record<string, string>;
  tags: string[];
  createdAt: string;
}

/** `GET /products/:id/stock` (stock lives beside the catalog, but changes far more often). */
export interface StockLevel {
  productId: string;
  available: number;
  warehouse: string;
  updatedAt: string;
}

/** A page of products: `GET /products?category=&q=&offset=&limit=`. */
export interface ProductPage {
  items: Product[];
  total: number;
  offset: number;
  limit: number;
}

/** `GET /recommendations?userId=&limit=`. */
export interface Recommendations {
  userId: string;
  productIds: string[];
}
