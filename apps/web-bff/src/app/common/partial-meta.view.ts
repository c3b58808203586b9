/** Which optional parts of an aggregate are missing (`null` in the body), so the client can say so. */
export interface PartialMeta {
  partial: boolean;
  missing: string[];
}
