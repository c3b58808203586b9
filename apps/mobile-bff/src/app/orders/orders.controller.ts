import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { Authenticated, CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { CreateOrderDto } from './create-order.dto';
import { OrdersQueryDto } from './orders-query.dto';
import { OrdersService } from './orders.service';
import { CreatedOrderView, type OrdersPageView } from './orders.view';

@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** The caller's orders page by page, newest first. */
  @Get()
  @Authenticated({ scopes: ['orders:read'], principal: 'user' })
  page(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrdersQueryDto,
    @CallContext() context: RequestContext,
  ): Observable<OrdersPageView> {
    return this.orders.page(principal.subject, query, context);
  }

  /** Places an order; a repeated `Idempotency-Key` answers 200 with the first order, never a second one. */
  @Post()
  @Authenticated({ scopes: ['orders:write'], principal: 'user' })
  @ApiCreatedResponse({ type: CreatedOrderView, description: 'The order, placed now.' })
  @ApiOkResponse({
    type: CreatedOrderView,
    description: 'A repeated `Idempotency-Key`: the first order (`Idempotent-Replayed: true`).',
  })
  async create(
    @Body() body: CreateOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CallContext() context: RequestContext,
  ): Promise<CreatedOrderView> {
    const { status, replayed, order } = await this.orders.create(body, idempotencyKey, context);
    reply.status(status);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return order;
  }
}
