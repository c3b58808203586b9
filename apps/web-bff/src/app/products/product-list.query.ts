import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /api/products`: filters and a bounded page (offset/limit). */
export class ProductListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  /** Free text searched in names, brands and descriptions. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset = 0;

  // A browser grid page; the catalog itself would give up to 100, but rich rows make that too heavy.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;
}
