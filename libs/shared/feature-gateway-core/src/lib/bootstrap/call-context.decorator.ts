import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestContextFor, type RequestContext } from '@concierge/shared/util-request-context';

/**
 * A controller parameter: the request's context (its id, trace and verified identity), to hand to the
 * services whose upstream calls must carry it (`{ context }` in the call options). The gateway core opens
 * it for every request and the auth guard fills its identity before any handler runs.
 */
export const CallContext = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): RequestContext =>
    requestContextFor(execution.switchToHttp().getRequest<{ id: string }>()),
);
