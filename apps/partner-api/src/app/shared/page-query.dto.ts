import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** `?cursor=&limit=`: the first page without a cursor, the next one with the `next` of the previous page. */
export class PageQueryDto {
  /** The `next` of the previous page. */
  @IsOptional()
  @IsString()
  cursor?: string;

  /** Items per page, 1 to 100 (default 20). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
