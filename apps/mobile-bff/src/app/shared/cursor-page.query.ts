import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** A page of a list when the client sends nothing else. */
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 50;

/** `?cursor=&limit=`: where a phone's list continues and how much of it a screen shows at once. */
export class CursorPageQuery {
  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
