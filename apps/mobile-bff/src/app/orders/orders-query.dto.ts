import { CursorPageQuery } from '../shared/cursor-page.query';

/** `GET /api/orders?cursor=&limit=`: the caller's own orders, newest first. */
export class OrdersQueryDto extends CursorPageQuery {}
