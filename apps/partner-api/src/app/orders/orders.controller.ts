import { BadRequestException, Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { firstValueFrom } from 'rxjs';
import { OrdersClient } from '@concierge/shared/data-access-clients';
import { CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import { problem } from '@concierge/shared/util-http';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { partnerAccountOf } from '../consumer/partner-consumer';
import { decodePageCursor } from '../shared/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../shared/page-query.dto';
import { PartnerOperation } from '../shared/partner-operation.decorator';
import { CreateOrderRequestDto, OrderDto, type OrderPageDto } from './order.dto';
import { toOrderDto, toOrderPageDto } from './orders.mapper';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersClient) {}

  /**
   * Places a B2B order for the calling app. `Idempotency-Key` is required: a retry with the same key and
   * body answers 200 with the first order (`Idempotent-Replayed: true`), never a second order.
   */
  @Post()
  @PartnerOperation('orders:write')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '1-255 visible ASCII characters, unique per order',
  })
  @ApiCreatedResponse({ type: OrderDto, description: 'The order, placed now.' })
  @ApiOkResponse({
    type: OrderDto,
    description:
      'A retry with the same `Idempotency-Key` and body: the first order (`Idempotent-Replayed: true`).',
  })
  @ApiResponse({
    status: 422,
    description: 'This `Idempotency-Key` was already used with a different body (`idempotency-key-reused`).',
  })
  async create(
    @Body() body: CreateOrderRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CallContext() context: RequestContext,
  ): Promise<OrderDto> {
    if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException(
        problem(
          400,
          'Send an Idempotency-Key header (1-255 visible ASCII characters) so a retry can never place a second order.',
          {
            type: 'idempotency-key-required',
          },
        ),
      );
    }
    const items = body.items.map(({ productId, quantity }) => ({ productId, quantity }));
    const placed = await firstValueFrom(this.orders.createOrder({ items }, idempotencyKey, { context }));
    reply.status(placed.created ? 201 : 200);
    if (placed.replayed) reply.header('idempotent-replayed', 'true');
    return toOrderDto(placed.order);
  }

  /** The app's orders page by page, newest first. */
  @Get()
  @PartnerOperation('orders:read')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
    @CallContext() context: RequestContext,
  ): Promise<OrderPageDto> {
    const offset = decodePageCursor(query.cursor);
    const page = await firstValueFrom(
      this.orders.listOrders(
        partnerAccountOf(principal.clientId as string),
        { offset, limit: query.limit ?? DEFAULT_PAGE_SIZE },
        { context },
      ),
    );
    return toOrderPageDto(page);
  }

  /** One of the app's orders; another app's order is a 404, as if it did not exist. */
  @Get(':id')
  @PartnerOperation('orders:read')
  async get(@Param('id') id: string, @CallContext() context: RequestContext): Promise<OrderDto> {
    return toOrderDto(await firstValueFrom(this.orders.getOrder(id, { context })));
  }
}
