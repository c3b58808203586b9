import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Query of `GET /api/orders`: a bounded page (offset/limit). */
export class OrderListQuery {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset = 0;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 10;
}
