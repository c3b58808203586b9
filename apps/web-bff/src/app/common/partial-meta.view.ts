/** Which optional parts of an aggregate are missing (`null` in the body), so the client can say so. */
export class PartialMeta {
  /** @example false */
  partial!: boolean;
  /** The parts that are `null` because their service failed or was too slow. @example [] */
  missing!: string[];
}
