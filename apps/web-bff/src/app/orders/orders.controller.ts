import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Authenticated, CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { CreateOrderDto } from './create-order.dto';
import { IdempotencyKey } from './idempotency-key.decorator';
import { IdempotencyKeyPipe } from './idempotency-key.pipe';
import { OrderListQuery } from './order-list.query';
import { OrdersService } from './orders.service';
import { CreatedOrderView, type OrderDetailView, type OrderListView } from './order.view';

/**
 * The signed-in user's orders: a person's, so client and device tokens are refused. The products named in
 * an order are part of showing it, so reading orders needs `orders:read` alone.
 */
@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Authenticated({ scopes: ['orders:read'], principal: 'user' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrderListQuery,
    @CallContext() context: RequestContext,
  ): Observable<OrderListView> {
    return this.orders.list(principal.subject, query, context);
  }

  @Get(':id')
  @Authenticated({ scopes: ['orders:read'], principal: 'user' })
  detail(@Param('id') id: string, @CallContext() context: RequestContext): Observable<OrderDetailView> {
    return this.orders.detail(id, context);
  }

  /**
   * Places an order. With `Idempotency-Key`, sending it again returns the first order (200 and
   * `Idempotent-Replayed: true`) instead of creating another.
   */
  @Post()
  @Authenticated({ scopes: ['orders:write'], principal: 'user' })
  @ApiCreatedResponse({ type: CreatedOrderView, description: 'The order, placed now (`Location` names it).' })
  @ApiOkResponse({
    type: CreatedOrderView,
    description: 'A retry with the same `Idempotency-Key`: the first order (`Idempotent-Replayed: true`).',
  })
  create(
    @Body() body: CreateOrderDto,
    @IdempotencyKey(IdempotencyKeyPipe) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CallContext() context: RequestContext,
  ): Observable<CreatedOrderView> {
    return this.orders.create(body, idempotencyKey, context).pipe(
      map(({ status, replayed, order }) => {
        reply.status(status).header('location', `/api/orders/${encodeURIComponent(order.id)}`);
        if (replayed) reply.header('idempotent-replayed', 'true');
        return order;
      }),
    );
  }
}
