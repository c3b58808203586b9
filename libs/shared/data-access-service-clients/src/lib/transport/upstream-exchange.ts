import { Readable } from 'node:stream';
import { AxiosInstance } from 'axios';
import type { CallSignal } from '../resilience/call-signal';
import { plainHeadersOf } from './undici.adapter';
import { TransportBody, TransportResponseType, UndiciTransport } from './undici.transport';

/** One attempt of an upstream call, as the service clients describe it. */
export interface Exchange {
  baseUrl: string;
  /** Path on the service with its query string. */
  path: string;
  method: string;
  /** Lower-case names, hop-by-hop headers already removed. */
  headers: Record<string, string>;
  body?: unknown;
  responseType: TransportResponseType;
  signal: CallSignal;
  /** Statuses that are answers; any other fails with {@link UpstreamStatusError}. */
  validateStatus: (status: number) => boolean;
}

export interface ExchangeResult<T = unknown> {
  status: number;
  /** Plain object, lower-case names. */
  headers: Record<string, string | string[]>;
  data: T;
}

/** Sends one attempt. */
export type Exchanger = (exchange: Exchange) => Promise<ExchangeResult>;

/** The service answered with a status the call does not accept (a 4xx or 5xx). */
export class UpstreamStatusError extends Error {
  constructor(readonly response: ExchangeResult) {
    super(`Upstream answered ${response.status}`);
    this.name = 'UpstreamStatusError';
  }
}

/**
 * Straight to the undici pools: what the typed clients use by default. Same semantics as the axios path
 * (JSON in and out, `validateStatus`, signal), without axios' per-request config merging and header
 * normalisation, which cost more CPU than undici itself.
 */
export function directExchanger(transport: UndiciTransport): Exchanger {
  const origins = new Map<string, { origin: string; prefix: string }>();
  const split = (baseUrl: string) => {
    let parts = origins.get(baseUrl);
    if (!parts) {
      const url = new URL(baseUrl);
      parts = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
      origins.set(baseUrl, parts);
    }
    return parts;
  };
  return async (exchange) => {
    const { origin, prefix } = split(exchange.baseUrl);
    let headers = exchange.headers;
    let body: TransportBody;
    const raw = exchange.body;
    if (raw === undefined || raw === null) body = undefined;
    else if (
      typeof raw === 'string' ||
      Buffer.isBuffer(raw) ||
      raw instanceof Uint8Array ||
      raw instanceof Readable
    )
      body = raw;
    else {
      body = JSON.stringify(raw);
      if (!headers['content-type']) headers = { ...headers, 'content-type': 'application/json' };
    }
    const response = await transport.send({
      origin,
      path: prefix + exchange.path,
      method: exchange.method,
      headers,
      body,
      signal: exchange.signal,
      responseType: exchange.responseType,
    });
    if (!exchange.validateStatus(response.status)) {
      if (exchange.responseType === 'stream') (response.data as Readable).destroy();
      throw new UpstreamStatusError(response);
    }
    return response;
  };
}

/**
 * Through an axios instance (normally {@link createUpstreamAxios}'s, i.e. the same undici pools): for apps
 * that want axios interceptors on upstream calls, at roughly half the throughput.
 */
export function axiosExchanger(instance: AxiosInstance): Exchanger {
  return async (exchange) => {
    const response = await instance.request({
      method: exchange.method,
      baseURL: exchange.baseUrl,
      url: exchange.path,
      headers: exchange.headers,
      data: exchange.body,
      responseType: exchange.responseType,
      validateStatus: exchange.validateStatus,
      signal: exchange.signal,
    });
    return { status: response.status, headers: plainHeadersOf(response), data: response.data };
  };
}
