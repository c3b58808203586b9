import { IsOptional, IsString, Length } from 'class-validator';
import { CursorPageQuery } from '../shared/cursor-page.query';

/** `GET /api/products?cursor=&limit=&category=&q=`: the filters start a walk, the cursor continues it. */
export class ProductsQueryDto extends CursorPageQuery {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
