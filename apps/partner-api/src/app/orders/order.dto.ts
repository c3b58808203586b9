import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PriceDto } from '../products/product.dto';

/** One line of an order to place. */
export class OrderLineRequestDto {
  /** @example "p-0001" */
  @IsString()
  @Length(1, 64)
  productId!: string;

  /** @example 2 */
  @IsInt()
  @Min(1)
  @Max(999)
  quantity!: number;
}

/** `POST /v1/orders`: the order is always the calling app's own. */
export class CreateOrderRequestDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  items!: OrderLineRequestDto[];
}

/** A line of a placed order, at the price it was placed at. */
export class OrderLineDto {
  /** @example "p-0001" */
  productId!: string;
  /** @example 2 */
  quantity!: number;
  unitPrice!: PriceDto;
}

/** An order of the calling partner app. */
export class OrderDto {
  /** @example "o-10042" */
  id!: string;
  /** @example "pending" */
  status!: string;
  items!: OrderLineDto[];
  total!: PriceDto;
  /** @example "2026-12-01T10:00:00.000Z" */
  createdAt!: string;
}

/** One page of the app's orders; `next` is the cursor of the following page, `null` on the last. */
export class OrderPageDto {
  items!: OrderDto[];
  /** @example null */
  next!: string | null;
}
