import type { GatewayTarget } from './cases/case-kit';

/**
 * The routes of each gateway that parse what a client sends (as of this suite's writing), with a way to
 * refuse every request anyway. A product or command id that exists is never used, so no case can succeed.
 */
export function webTarget(token: string): GatewayTarget {
  return ordersAndProducts('web-bff', token);
}

export function mobileTarget(token: string): GatewayTarget {
  return ordersAndProducts('mobile-bff', token);
}

function ordersAndProducts(name: string, token: string): GatewayTarget {
  return {
    name,
    auth: `Authorization: Bearer ${token}`,
    jsonRoute: '/api/orders',
    // quantity 0 is refused by the DTO, whatever the hostile value does.
    wrapJson: (value) => `{"items":[{"productId":${value},"quantity":0}]}`,
    queryRoute: '/api/products',
    refusedQuery: 'limit=0',
    queryMethod: 'GET',
    refusedGet: '/api/products?limit=0',
    pathRoute: (segment) => `/api/products/zz-none-${segment}`,
    pathMethod: 'GET',
  };
}

/** The IoT gateway has no GET that reads a query: query cases go to the telemetry POST, with a refused body. */
export function iotTarget(deviceKey: string): GatewayTarget {
  return {
    name: 'iot-bff',
    auth: `X-Device-Key: ${deviceKey}`,
    jsonRoute: '/api/v1/telemetry',
    // A negative sequence and a time that is none are refused by the DTO, whatever the metric holds.
    wrapJson: (value) => `{"readings":[{"seq":-1,"ts":"never","metrics":{"m":${value}}}]}`,
    queryRoute: '/api/v1/telemetry',
    refusedQuery: 'x=1',
    queryMethod: 'POST',
    // Only POST is routed here.
    refusedGet: '/api/v1/telemetry',
    pathRoute: (segment) => `/api/v1/commands/zz-none-${segment}/ack`,
    pathMethod: 'POST',
  };
}
