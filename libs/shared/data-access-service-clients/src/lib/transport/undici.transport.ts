import { Readable } from 'node:stream';
import { Pool } from 'undici';
import type { CallSignal } from '../resilience/call-signal';

/** How a response body is handed back: parsed JSON (text when it is not JSON), text, bytes or a stream. */
export type TransportResponseType = 'json' | 'text' | 'arraybuffer' | 'stream';

export type TransportBody = string | Buffer | Uint8Array | Readable | null | undefined;

/** One HTTP exchange, already resolved to an origin and a path with its query string. */
export interface TransportRequest {
  origin: string;
  path: string;
  method: string;
  /** Lower-case names; hop-by-hop headers already removed. */
  headers: Record<string, string>;
  body?: TransportBody;
  /** A DOM `AbortSignal` or the policy's cheaper `CallSignal` (undici takes an EventEmitter too). */
  signal?: AbortSignal | CallSignal;
  responseType?: TransportResponseType;
}

export interface TransportResponse<T = unknown> {
  status: number;
  /** Plain object, lower-case names; repeated fields (`set-cookie`) stay arrays. */
  headers: Record<string, string | string[]>;
  data: T;
}

/** Pool settings shared by every upstream origin. */
export interface UndiciTransportOptions {
  /** Sockets per origin (keep-alive). */
  connections: number;
  /** Idle keep-alive sockets are closed after this long (ms). */
  keepAliveTimeoutMs?: number;
}

/**
 * One undici `Pool` per upstream origin: keep-alive sockets, at most `connections` of them, pipelining 1
 * (a request never waits behind another on the same socket). The body is read once and parsed once.
 */
export class UndiciTransport {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UndiciTransportOptions) {}

  /** Sends one request; rejects with undici's/Node's error (its `code` intact) on network failures. */
  async send<T = unknown>(request: TransportRequest): Promise<TransportResponse<T>> {
    const { statusCode, headers, body } = await this.poolFor(request.origin).request({
      path: request.path,
      method: request.method as 'GET',
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal,
    });
    const plain = headers as Record<string, string | string[]>;
    const type = request.responseType ?? 'json';
    if (type === 'stream') return { status: statusCode, headers: plain, data: body as unknown as T };
    if (request.method === 'HEAD' || statusCode === 204 || statusCode === 304) {
      await body.dump();
      return { status: statusCode, headers: plain, data: undefined as T };
    }
    if (type === 'arraybuffer') {
      return { status: statusCode, headers: plain, data: Buffer.from(await body.arrayBuffer()) as T };
    }
    const text = await body.text();
    if (type === 'text') return { status: statusCode, headers: plain, data: text as T };
    return { status: statusCode, headers: plain, data: parseJson(text) as T };
  }

  /** Closes every pool (graceful: in-flight requests finish first). */
  async close(): Promise<void> {
    const pools = new Set(this.pools.values());
    this.pools.clear();
    await Promise.all([...pools].map((pool) => pool.close()));
  }

  /**
   * The one pool of an origin, however it is spelt (`http://host:1/` and `http://host:1` alike): service
   * clients and declared routes (through `SharedPoolsDispatcher`) share it.
   */
  poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const canonical = new URL(origin).origin;
      pool =
        this.pools.get(canonical) ??
        new Pool(canonical, {
          connections: this.options.connections,
          pipelining: 1,
          keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 10_000,
        });
      this.pools.set(canonical, pool);
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/** JSON when it parses, the text itself otherwise (axios' `responseType: 'json'` behaviour); '' → undefined. */
function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
