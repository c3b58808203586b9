import { Readable } from 'node:stream';
import axios, {
  AxiosAdapter,
  AxiosError,
  AxiosHeaders,
  AxiosInstance,
  AxiosResponse,
  CanceledError,
  InternalAxiosRequestConfig,
  RawAxiosRequestHeaders,
} from 'axios';
import { HOP_BY_HOP_HEADERS } from '@concierge/shared/util-http';
import { TransportBody, TransportResponseType, UndiciTransport } from './undici.transport';

type AxiosHeadersInstance = InstanceType<typeof AxiosHeaders>;

const PLAIN_HEADERS = Symbol('concierge.upstream.plain-headers');

/**
 * The response headers exactly as the adapter produced them (plain object, lower-case names), before
 * axios wrapped them in `AxiosHeaders`.
 */
export function plainHeadersOf(response: AxiosResponse): Record<string, string | string[]> {
  return (
    (response as unknown as Record<symbol, Record<string, string | string[]>>)[PLAIN_HEADERS] ??
    (response.headers as Record<string, string | string[]>)
  );
}

/**
 * An axios adapter that sends through an {@link UndiciTransport} (a keep-alive undici `Pool` per origin)
 * instead of Node's `http`. Honours `timeout` (→ `ECONNABORTED`, or `ETIMEDOUT` with
 * `transitional.clarifyTimeoutError`), `signal` and `cancelToken` (→ `CanceledError`), `responseType`
 * (`json` default, `text`, `arraybuffer`, `stream`), `validateStatus`, and string / Buffer / stream bodies
 * (plain objects are serialised by {@link jsonRequestTransform}). Redirects are never followed.
 */
function undiciAdapter(transport: UndiciTransport): AxiosAdapter {
  return (config) => send(transport, config);
}

/**
 * A lean `transformRequest`: plain objects and arrays become JSON with `Content-Type: application/json`;
 * strings, Buffers and streams pass untouched. Replaces axios' default chain of form/URL checks.
 */
function jsonRequestTransform(this: unknown, data: unknown, headers: AxiosHeadersInstance): unknown {
  if (data === undefined || data === null || typeof data !== 'object') return data;
  if (
    Buffer.isBuffer(data) ||
    data instanceof Uint8Array ||
    data instanceof Readable ||
    data instanceof ArrayBuffer
  ) {
    return data;
  }
  headers.setContentType('application/json', false);
  return JSON.stringify(data);
}

/**
 * An axios instance for upstream calls: the undici adapter, `maxRedirects: 0`, no interceptors, JSON
 * serialised by {@link jsonRequestTransform} and parsed once by the adapter (`transformResponse: []`).
 */
export function createUpstreamAxios(transport: UndiciTransport): AxiosInstance {
  return axios.create({
    adapter: undiciAdapter(transport),
    maxRedirects: 0,
    transformRequest: [jsonRequestTransform],
    transformResponse: [],
  });
}

async function send(transport: UndiciTransport, config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const { origin, path } = splitUrl(config);
  const method = (config.method ?? 'get').toUpperCase();
  const body = requestBody(config.data);
  const responseType = (config.responseType ?? 'json') as TransportResponseType;

  const abort = linkAbort(config);
  try {
    const response = await transport.send({
      origin,
      path,
      method,
      headers: outboundHeaders(config.headers, body),
      body,
      signal: abort?.controller.signal,
      responseType,
    });
    const axiosResponse: AxiosResponse = {
      data: response.data,
      status: response.status,
      statusText: '',
      headers: response.headers,
      config,
      request: undefined,
    };
    Object.defineProperty(axiosResponse, PLAIN_HEADERS, { value: response.headers, enumerable: false });
    const validate = config.validateStatus;
    if (validate && !validate(response.status)) {
      throw new AxiosError(
        `Request failed with status code ${response.status}`,
        response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
        config,
        undefined,
        axiosResponse,
      );
    }
    return axiosResponse;
  } catch (error) {
    if (error instanceof AxiosError) throw error;
    if (abort?.timedOut) {
      const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
      throw new AxiosError(`timeout of ${config.timeout}ms exceeded`, code, config);
    }
    if (abort?.controller.signal.aborted) throw new CanceledError(undefined, config);
    throw AxiosError.from(error as Error, (error as { code?: string }).code, config);
  } finally {
    // A streamed body is still flowing when headers arrive: only its consumer may end it.
    abort?.dispose(responseType === 'stream');
  }
}

interface LinkedAbort {
  controller: AbortController;
  timedOut: boolean;
  dispose(keepSignal: boolean): void;
}

/** One AbortController fed by `timeout`, `signal` and `cancelToken`; none when the call has none of them. */
function linkAbort(config: InternalAxiosRequestConfig): LinkedAbort | undefined {
  const signal = config.signal as AbortSignal | undefined;
  const timeout = config.timeout ?? 0;
  if (!signal && !config.cancelToken && timeout <= 0) return undefined;
  if (signal && !config.cancelToken && timeout <= 0) {
    // The caller's own signal is enough: no extra controller, no listeners.
    return {
      controller: { signal, abort: () => undefined } as AbortController,
      timedOut: false,
      dispose: () => undefined,
    };
  }
  const controller = new AbortController();
  const linked: LinkedAbort = { controller, timedOut: false, dispose: () => undefined };
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) controller.abort();
  const onCancel = () => controller.abort();
  config.cancelToken?.subscribe(onCancel);
  const timer =
    timeout > 0
      ? setTimeout(() => {
          linked.timedOut = true;
          controller.abort();
        }, timeout)
      : undefined;
  linked.dispose = (keepSignal) => {
    if (timer) clearTimeout(timer);
    if (keepSignal) return;
    signal?.removeEventListener('abort', onAbort);
    config.cancelToken?.unsubscribe(onCancel);
  };
  return linked;
}

/** `baseURL` + `url` (+ `params`) → the pool's origin and the request target. */
function splitUrl(config: InternalAxiosRequestConfig): { origin: string; path: string } {
  const url = config.url ?? '';
  const full = /^https?:\/\//i.test(url) || !config.baseURL ? url : joinUrl(config.baseURL, url);
  const schemeEnd = full.indexOf('//') + 2;
  const pathStart = full.indexOf('/', schemeEnd);
  const queryStart = full.indexOf('?', schemeEnd);
  const cut = pathStart < 0 ? queryStart : queryStart < 0 ? pathStart : Math.min(pathStart, queryStart);
  const origin = cut < 0 ? full : full.slice(0, cut);
  let path = cut < 0 ? '/' : full.slice(cut);
  if (path.startsWith('?')) path = '/' + path;
  const query = serializeParams(config.params);
  if (query) path += (path.includes('?') ? '&' : '?') + query;
  return { origin, path };
}

function joinUrl(base: string, url: string): string {
  if (!url) return base;
  return base.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
}

function serializeParams(params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  if (params instanceof URLSearchParams) return params.toString();
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

function requestBody(data: unknown): TransportBody {
  if (data === undefined || data === null || data === '') return undefined;
  if (
    typeof data === 'string' ||
    Buffer.isBuffer(data) ||
    data instanceof Uint8Array ||
    data instanceof Readable
  ) {
    return data;
  }
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return JSON.stringify(data);
}

function outboundHeaders(
  headers: AxiosHeadersInstance | RawAxiosRequestHeaders | undefined,
  body: TransportBody,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const source = headers instanceof AxiosHeaders ? headers.toJSON(true) : headers;
  for (const name in source) {
    const value = (source as Record<string, unknown>)[name];
    if (value === undefined || value === null || value === false) continue;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP_HEADERS.has(lower)) continue;
    // undici sets the length of in-memory bodies itself; only a stream's declared length is kept.
    if (lower === 'content-length' && !(body instanceof Readable)) continue;
    if (body === undefined && lower === 'content-type') continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
