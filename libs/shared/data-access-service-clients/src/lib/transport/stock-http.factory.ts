import { Agent } from 'node:http';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';

/** Settings of the stock set-up used as the benchmark's baseline. */
export interface StockHttpOptions {
  /** Keep-alive sockets per origin. */
  maxSockets?: number;
}

/**
 * `@nestjs/axios` as it comes — axios' own Node `http` adapter, default transforms and redirect following —
 * with only a keep-alive `http.Agent` added. The benchmark puts it beside the undici-backed set-up
 * ({@link createUpstreamAxios}); nothing in production uses it.
 */
export function createStockHttpService(options: StockHttpOptions = {}): HttpService {
  const httpAgent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  return new HttpService(axios.create({ httpAgent }));
}
