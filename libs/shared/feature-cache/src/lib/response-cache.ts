import { randomUUID } from 'node:crypto';
import type CachePolicy from 'http-cache-semantics';
import { withoutHopByHop } from '@concierge/shared/util-http';
import { cacheTarget, primaryKey, principalOf, variantKey, varyFields, varyMatches } from './cache-key';
import { noCacheMetrics, type CacheMetrics } from './cache-metrics';
import { formatCacheStatus, withCacheStatus, type CacheStatusEntry } from './cache-status';
import type {
  CacheRequest,
  CacheHttpResponse,
  HeaderMap,
  LookupResult,
  RouteCacheOptions,
  StoreContext,
} from './cache.types';
import { Coalescer, type Coalesced } from './coalescer';
import { clientHasStored, notModifiedHeaders } from './conditional';
import { staleOnError, staleRefused } from './stale-on-error';
import { withoutPerExchange } from './per-exchange-headers';
import { policyFactory, policyRequest, policyResponse, type PolicyFactory } from './policy';
import { rateLimitedWarn, type WarnLogger } from './rate-limited-warn';
import { isCacheableMethod, unstorableReason } from './storability';
import type { CacheStore, StoredResponse, VaryIndex } from './stores/cache-store';

/** Options of a `ResponseCache`. */
export interface ResponseCacheOptions {
  /** Where entries live: a `MemoryStore` or a `RedisStore`. */
  store: CacheStore;
  /** The cache's name in `Cache-Status` (default `concierge`). */
  name?: string;
  /** Milliseconds since the epoch (default `Date.now`); tests inject their own. */
  clock?: () => number;
  /** Fraction of the time since `Last-Modified` used as heuristic freshness (default 0.1). */
  heuristicFraction?: number;
  /** Cap on heuristic freshness, seconds (default 3600). */
  heuristicMaxSec?: number;
  /** How long a response with validators is kept past its freshness, for revalidation (default 300 s). */
  revalidationGraceSec?: number;
  /** Larger bodies are not stored (default 1 MiB). */
  maxEntryBytes?: number;
  /** Requests whose key (method, host, path and query) is longer are neither looked up nor stored (default 4096). */
  maxKeyLength?: number;
  /** The verified principal of a request that does not say its identity (default: none, so only shared entries). */
  principal?: () => string | undefined;
  metrics?: CacheMetrics;
  /** Where store errors are reported, at most once per 10 s (default: the console). */
  logger?: WarnLogger;
}

/** The upstream call of `ResponseCache.handle`: `headers` are conditional headers to add when revalidating. */
export type UpstreamCall = (headers: Record<string, string>) => Promise<CacheHttpResponse>;

interface Keyed {
  primary: string;
  shared: boolean;
}

/** Why a request has no key: no principal on a per-principal route, or a key beyond the bound. */
interface Unkeyed {
  refused: 'anonymous' | 'key-too-long';
}

interface Located {
  key: string;
  record?: StoredResponse;
  forward?: 'uri-miss' | 'vary-miss';
}

interface Flight {
  request: CacheRequest;
  response: CacheHttpResponse;
}

const VARY_INDEX_TTL_MS = 3600_000;
const UNSAFE_KEPT_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding', 'content-range'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * A shared HTTP cache per RFC 9111 (with RFC 9211 `Cache-Status`), free of any framework: a gateway route
 * calls `lookup` before going upstream and `store`/`revalidated` after, or lets `handle` do all of it.
 *
 * Shared semantics throughout (`private` never stored, §3.5 for `Authorization`, `s-maxage` first), except
 * for routes with `perPrincipal`: their entries are keyed by the verified principal, judged as a private
 * cache would, and never served to anyone else.
 */
export class ResponseCache {
  private readonly entries: CacheStore;
  private readonly name: string;
  private readonly clock: () => number;
  private readonly policies: PolicyFactory;
  private readonly graceMs: number;
  private readonly maxEntryBytes: number;
  private readonly maxKeyLength: number;
  private readonly principal: () => string | undefined;
  private readonly metrics: CacheMetrics;
  private readonly warn: (message: string) => void;
  private readonly coalescer = new Coalescer();
  /** The `Cache-Status` member of each upstream failure `handle` passed on (see `statusOfFailure`). */
  private readonly failures = new WeakMap<object, string>();

  constructor(options: ResponseCacheOptions) {
    this.entries = options.store;
    this.name = options.name ?? 'concierge';
    this.clock = options.clock ?? Date.now;
    this.policies = policyFactory({
      clock: this.clock,
      heuristicFraction: options.heuristicFraction ?? 0.1,
      heuristicMaxSec: options.heuristicMaxSec ?? 3600,
    });
    this.graceMs = (options.revalidationGraceSec ?? 300) * 1000;
    this.maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
    this.maxKeyLength = options.maxKeyLength ?? 4096;
    this.principal = options.principal ?? (() => undefined);
    this.metrics = options.metrics ?? noCacheMetrics;
    this.warn = rateLimitedWarn(options.logger ?? console, 10_000, this.clock);
  }

  /**
   * What the cache can do for `request`: a `hit` to serve as it is (with `Age` and `Cache-Status`), a
   * `stale` entry to revalidate with `revalidationHeaders`, a `miss`, or a `bypass`. A store error is a
   * miss, never a failure.
   */
  async lookup(request: CacheRequest, route: RouteCacheOptions = {}): Promise<LookupResult> {
    const label = route.route ?? 'unknown';
    if (!isCacheableMethod(request.method)) {
      this.metrics.lookup(label, 'bypass');
      return { status: 'bypass', forward: 'method' };
    }
    const keyed = this.keyFor(request, route);
    if ('refused' in keyed) {
      this.metrics.lookup(label, 'bypass');
      return { status: 'bypass', forward: 'bypass', detail: keyed.refused };
    }
    // A range goes to the origin as asked (never collapsed with, or answered by, a whole representation).
    if (request.headers['range'] !== undefined) {
      this.metrics.lookup(label, 'bypass');
      return { status: 'bypass', forward: 'request', detail: 'range' };
    }
    let located: Located;
    try {
      located = await this.locate(request, keyed.primary);
    } catch (error) {
      this.reportStoreError('lookup', error);
      this.metrics.lookup(label, 'miss');
      return { status: 'miss', forward: 'miss', detail: 'store-error' };
    }
    const { record } = located;
    if (!record) {
      this.metrics.lookup(label, 'miss');
      return { status: 'miss', forward: located.forward };
    }
    const policy = this.policies.fromObject(record.policy);
    const view = policyRequest(request, keyed.shared);
    if (this.isFreshFor(policy, view)) {
      this.metrics.lookup(label, 'hit');
      const response = this.served(record, policy, { hit: true });
      // The client already has it: a 304 from the cache (RFC 9111 §4.3.2).
      if (clientHasStored(request.headers, record.headers)) {
        return {
          status: 'hit',
          response: { status: 304, headers: notModifiedHeaders(response.headers), body: Buffer.alloc(0) },
        };
      }
      return { status: 'hit', response };
    }
    this.metrics.lookup(label, 'stale');
    return {
      status: 'stale',
      forward: policy.stale() ? 'stale' : 'request',
      revalidationHeaders: conditionalHeaders(policy.revalidationHeaders(view)),
    };
  }

  /**
   * Offers an upstream response to the cache: stores it when RFC 9111 (and the route) allow, and returns
   * it with this cache's `Cache-Status` entry (`fwd=…`, `fwd-status`, `stored`, or `detail=<why not>`).
   */
  async store(
    request: CacheRequest,
    response: CacheHttpResponse,
    context: StoreContext = {},
  ): Promise<CacheHttpResponse> {
    const label = context.route ?? 'unknown';
    const forward = context.forward ?? (isCacheableMethod(request.method) ? 'uri-miss' : 'method');
    const labelled = (entry: CacheStatusEntry): CacheHttpResponse => ({
      ...response,
      headers: withCacheStatus(response.headers, this.name, {
        fwd: forward,
        fwdStatus: response.status,
        detail: context.detail,
        ...entry,
      }),
    });
    const keyed = isCacheableMethod(request.method) ? this.keyFor(request, context) : undefined;
    if (!keyed || 'refused' in keyed) {
      this.metrics.store(label, forward === 'method' ? 'method' : 'bypass');
      return labelled({});
    }
    const headers = storedHeaders(response.headers);
    const policy = this.policies.create(
      policyRequest(request, keyed.shared),
      policyResponse(response.status, headers, context.ttlSec, keyed.shared),
      keyed.shared,
    );
    const reason = unstorableReason(request, response, policy, keyed.shared, this.maxEntryBytes);
    if (reason) {
      this.metrics.store(label, reason);
      return labelled({ detail: reason });
    }
    const record: StoredResponse = {
      kind: 'response',
      policy: policy.toObject(),
      status: response.status,
      headers,
      body: response.body,
    };
    try {
      await this.write(keyed.primary, request, record, policy);
    } catch (error) {
      this.reportStoreError('store', error);
      this.metrics.store(label, 'store-error');
      return labelled({ detail: 'store-error' });
    }
    this.metrics.store(label, 'stored');
    return labelled({ stored: true, ttl: policy.maxAge() - policy.age() });
  }

  /**
   * After a `stale` lookup was answered 304 by the upstream: updates the stored headers and freshness
   * from the 304 (RFC 9111 §4.3.4) and returns the full stored response to serve. Undefined when there is
   * nothing to update any more or the 304 does not select the stored response: then fetch unconditionally.
   */
  async revalidated(
    request: CacheRequest,
    notModified: CacheHttpResponse,
    context: StoreContext = {},
  ): Promise<CacheHttpResponse | undefined> {
    const keyed = this.keyFor(request, context);
    if ('refused' in keyed) return undefined;
    let located: Located;
    try {
      located = await this.locate(request, keyed.primary);
    } catch (error) {
      this.reportStoreError('revalidation', error);
      return undefined;
    }
    const old = located.record;
    if (!old) return undefined;
    const view = policyRequest(request, keyed.shared);
    const update = storedHeaders(notModified.headers);
    const verdict = this.policies.fromObject(old.policy).revalidatedPolicy(view, {
      status: 304,
      headers: policyResponse(304, update, undefined, keyed.shared).headers,
    });
    if (!verdict.matches || verdict.modified) return undefined;
    const headers = { ...old.headers };
    // The stored response's `Age` said how old it was when it came; revalidated, it is as old as the
    // 304 says (its own `Age`, or none): kept, the old one made every revalidated entry stale at once.
    delete headers['age'];
    for (const [name, value] of Object.entries(update)) {
      if (!UNSAFE_KEPT_HEADERS.includes(name)) headers[name] = value;
    }
    const policy = this.policies.create(
      view,
      policyResponse(old.status, headers, context.ttlSec, keyed.shared),
      keyed.shared,
    );
    const record: StoredResponse = { ...old, policy: policy.toObject(), headers };
    const reason = unstorableReason(request, record, policy, keyed.shared, this.maxEntryBytes);
    const label = context.route ?? 'unknown';
    try {
      if (reason) await this.entries.delete([located.key]);
      else await this.entries.set(located.key, record, this.ttlMs(policy, headers));
      this.metrics.store(label, reason ?? 'revalidated');
    } catch (error) {
      this.reportStoreError('revalidation', error);
    }
    return this.served(record, policy, {
      fwd: context.forward ?? 'stale',
      fwdStatus: 304,
      stored: !reason,
      detail: reason,
    });
  }

  /**
   * Coalesces concurrent misses for one key: the first caller calls upstream, the others wait. A waiting
   * caller gets the leader's response (labelled `collapsed`, ready to send) only if that response may be
   * stored for the leader's request and its `Vary` headers match the caller's; otherwise the caller makes
   * its own call. A non-collapsed response is the caller's own: pass it to `store` or `revalidated`.
   */
  async coalesce(
    request: CacheRequest,
    call: () => Promise<CacheHttpResponse>,
    context: StoreContext = {},
  ): Promise<Coalesced<CacheHttpResponse>> {
    const keyed = isCacheableMethod(request.method) ? this.keyFor(request, context) : undefined;
    if (!keyed || 'refused' in keyed) return { value: await call(), collapsed: false };
    const result = await this.coalescer.run<Flight>(
      keyed.primary,
      async () => ({ request, response: await call() }),
      (flight) => this.shareable(flight, request, keyed.shared, context.ttlSec),
    );
    const { response } = result.value;
    if (!result.collapsed) return { value: response, collapsed: false };
    this.metrics.store(context.route ?? 'unknown', 'collapsed');
    // The leader's own exchange (its request id, its cookies) is not the follower's.
    const headers = withCacheStatus(withoutPerExchange(response.headers), this.name, {
      fwd: context.forward ?? 'uri-miss',
      fwdStatus: response.status,
      collapsed: true,
    });
    return { value: { ...response, headers }, collapsed: true };
  }

  /**
   * Drops what is stored for `url` (path and query) on `host` (the request's `Host`, as keys have it):
   * GET and HEAD, shared and the current principal's.
   */
  async invalidate(url: string, host?: string, identity?: Record<string, string>): Promise<void> {
    const principal = this.principalOf(identity);
    const target = cacheTarget(url, host);
    const keys = ['GET', 'HEAD'].flatMap((method) => [
      primaryKey(method, target),
      ...(principal === undefined ? [] : [primaryKey(method, target, principal)]),
    ]);
    try {
      await this.entries.delete(keys);
    } catch (error) {
      this.reportStoreError('invalidation', error);
    }
  }

  /**
   * RFC 9111 §4.4: after an unsafe method succeeded (2xx/3xx), invalidates the target URL and the
   * same-origin `Location` and `Content-Location` URLs.
   */
  async invalidateAfter(
    request: CacheRequest,
    response: Pick<CacheHttpResponse, 'status' | 'headers'>,
  ): Promise<void> {
    if (SAFE_METHODS.has(request.method.toUpperCase()) || response.status < 200 || response.status >= 400)
      return;
    const host = first(request.headers['host']);
    const base = new URL(
      request.url,
      `http://${host && URL.canParse(`http://${host}`) ? host : 'gateway.invalid'}`,
    );
    const urls = new Set([base.pathname + base.search]);
    for (const name of ['location', 'content-location']) {
      const value = first(response.headers[name]);
      if (!value) continue;
      const target = URL.canParse(value, base.href) ? new URL(value, base) : undefined;
      if (target && target.host === base.host) urls.add(target.pathname + target.search);
    }
    await Promise.all([...urls].map((url) => this.invalidate(url, host, request.identity)));
  }

  /**
   * The whole dance for a pass-through route: lookup, coalesced upstream call (conditional when
   * revalidating), revalidation or store, and invalidation after a successful unsafe method. Returns the
   * response to send, `Cache-Status` included. The upstream call should return the upstream's error
   * answers (5xx, problem documents) as responses, so that stale-on-error can tell an origin that
   * answered from one that did not, and the caller renders them afterwards; what it throws (no answer)
   * is thrown on, with its `Cache-Status` member kept for `statusOfFailure`.
   */
  async handle(
    request: CacheRequest,
    upstream: UpstreamCall,
    route: RouteCacheOptions = {},
  ): Promise<CacheHttpResponse> {
    if (!isCacheableMethod(request.method)) {
      const response = await this.forwarded(() => upstream({}), { fwd: 'method' });
      await this.invalidateAfter(request, response);
      return this.store(request, response, { ...route, forward: 'method' });
    }
    const found = await this.lookup(request, route);
    if (found.status === 'hit' && found.response) return found.response;
    const context: StoreContext = { ...route, forward: found.forward, detail: found.detail };
    const forward: CacheStatusEntry = { fwd: found.forward, detail: found.detail };
    if (found.status === 'bypass')
      return this.store(request, await this.forwarded(() => upstream({}), forward), context);
    let outcome: Coalesced<CacheHttpResponse>;
    try {
      outcome = await this.coalesce(request, () => upstream(found.revalidationHeaders ?? {}), context);
    } catch (error) {
      if (found.status !== 'stale') throw this.labelledFailure(error, forward);
      return this.servedOnError(request, route, error, undefined);
    }
    const { value: response, collapsed } = outcome;
    if (collapsed) return response;
    if (found.status === 'stale' && response.status >= 500 && response.status <= 504) {
      return this.servedOnError(request, route, undefined, response);
    }
    if (response.status === 304 && found.status === 'stale') {
      const updated = await this.revalidated(request, response, context);
      if (updated) return updated;
      return this.store(request, await this.forwarded(() => upstream({}), forward), context);
    }
    return this.store(request, response, context);
  }

  /**
   * The `Cache-Status` member (this cache's name and `fwd=…`) of an upstream failure `handle` threw on,
   * for the caller to put on the problem it answers with; undefined for anything else.
   */
  statusOfFailure(error: unknown): string | undefined {
    return typeof error === 'object' && error !== null ? this.failures.get(error) : undefined;
  }

  /**
   * This cache's `Cache-Status` member for an answer it did not make itself, e.g. `concierge; fwd=method;
   * fwd-status=201` for an unsafe method streamed through a cached route.
   */
  cacheStatus(entry: CacheStatusEntry): string {
    return formatCacheStatus(this.name, entry);
  }

  /**
   * The upstream failed (threw, or answered 500–504) while a stored response was stale: serve it where
   * `stale-if-error` allows (RFC 5861), refuse with 504 where the response forbade stale reuse
   * (`must-revalidate`, `proxy-revalidate`, `no-cache`, `s-maxage`: RFC 9111 §4.2.4, §5.2.2), else pass
   * the failure on as it came.
   */
  private async servedOnError(
    request: CacheRequest,
    route: RouteCacheOptions,
    error: unknown,
    failed: CacheHttpResponse | undefined,
  ): Promise<CacheHttpResponse> {
    const keyed = this.keyFor(request, route);
    let record: StoredResponse | undefined;
    if (!('refused' in keyed)) {
      try {
        record = (await this.locate(request, keyed.primary)).record;
      } catch (storeError) {
        this.reportStoreError('lookup', storeError);
      }
    }
    const fwdStatus = failed?.status;
    if (record && !('refused' in keyed)) {
      const policy = this.policies.fromObject(record.policy);
      const verdict = staleOnError(policy, policyRequest(request, keyed.shared), keyed.shared);
      if (verdict === 'serve')
        return this.served(record, policy, { fwd: 'stale', fwdStatus, detail: 'stale-if-error' });
      // An origin that answered with an error has spoken: only a failure to answer becomes the 504.
      if (verdict === 'refuse' && !failed) throw staleRefused(this.name, fwdStatus);
    }
    if (failed) return this.store(request, failed, { ...route, forward: 'stale' });
    throw this.labelledFailure(error, { fwd: 'stale' });
  }

  /** The upstream's answer, or its failure thrown on with this cache's `Cache-Status` member kept. */
  private async forwarded(
    call: () => Promise<CacheHttpResponse>,
    entry: CacheStatusEntry,
  ): Promise<CacheHttpResponse> {
    try {
      return await call();
    } catch (error) {
      throw this.labelledFailure(error, entry);
    }
  }

  /** Keeps the `Cache-Status` member of a failure that answered nothing (no `fwd-status`: no status came). */
  private labelledFailure(error: unknown, entry: CacheStatusEntry): unknown {
    if (typeof error === 'object' && error !== null && !this.failures.has(error))
      this.failures.set(error, formatCacheStatus(this.name, entry));
    return error;
  }

  /** Releases the store's connections. */
  close(): Promise<void> {
    return this.entries.close();
  }

  /** The principal of the given identity, or (none given) the `principal` option's. */
  private principalOf(identity: Record<string, string> | undefined): string | undefined {
    return identity === undefined ? this.principal() : principalOf(identity);
  }

  private keyFor(request: CacheRequest, route: RouteCacheOptions): Keyed | Unkeyed {
    const target = cacheTarget(request.url, request.headers['host']);
    // A bound on what one entry's key (held in the store, the LRU and the policy) may cost.
    if (target.length + 8 > this.maxKeyLength) return { refused: 'key-too-long' };
    if (!route.perPrincipal) return { primary: primaryKey(request.method, target), shared: true };
    const principal = this.principalOf(request.identity);
    return principal === undefined
      ? { refused: 'anonymous' }
      : { primary: primaryKey(request.method, target, principal), shared: false };
  }

  private async locate(request: CacheRequest, primary: string): Promise<Located> {
    const record = await this.entries.get(primary);
    if (!record) return { key: primary, forward: 'uri-miss' };
    if (record.kind === 'response') return { key: primary, record };
    const key = variantKey(primary, record.generation, record.fields, request.headers);
    const variant = await this.entries.get(key);
    return variant?.kind === 'response' ? { key, record: variant } : { key, forward: 'vary-miss' };
  }

  private async write(
    primary: string,
    request: CacheRequest,
    record: StoredResponse,
    policy: CachePolicy,
  ): Promise<void> {
    const ttlMs = this.ttlMs(policy, record.headers);
    const fields = varyFields(record.headers['vary']);
    if (!fields.length) return this.entries.set(primary, record, ttlMs);
    const existing = await this.entries.get(primary);
    const index: VaryIndex =
      existing?.kind === 'vary' && existing.fields.join() === fields.join()
        ? existing
        : { kind: 'vary', fields, generation: randomUUID().slice(0, 8) };
    await this.entries.set(primary, index, Math.max(ttlMs, VARY_INDEX_TTL_MS));
    await this.entries.set(variantKey(primary, index.generation, fields, request.headers), record, ttlMs);
  }

  /** How long a store keeps an entry: its freshness, plus a grace for revalidation if it has validators. */
  private ttlMs(policy: CachePolicy, headers: HeaderMap): number {
    const validators = headers['etag'] !== undefined || headers['last-modified'] !== undefined;
    return policy.timeToLive() + (validators ? this.graceMs : 0);
  }

  /**
   * Fresh enough to serve without asking upstream? http-cache-semantics revalidates every
   * `must-revalidate` response, even a fresh one; RFC 9111 §5.2.2.2 only forbids serving it once stale.
   */
  private isFreshFor(policy: CachePolicy, request: CachePolicy.Request): boolean {
    let result = policy.evaluateRequest(request);
    if (result.revalidation && !policy.stale()) {
      const object = policy.toObject();
      if (object.rescc['must-revalidate']) {
        const { 'must-revalidate': _ignored, ...rescc } = object.rescc;
        result = this.policies.fromObject({ ...object, rescc }).evaluateRequest(request);
      }
    }
    return Boolean(result.response) && !result.revalidation;
  }

  private shareable(
    flight: Flight,
    follower: CacheRequest,
    shared: boolean,
    ttlSec: number | undefined,
  ): boolean {
    const { request, response } = flight;
    const headers = storedHeaders(response.headers);
    const policy = this.policies.create(
      policyRequest(request, shared),
      policyResponse(response.status, headers, ttlSec, shared),
      shared,
    );
    return (
      unstorableReason(request, response, policy, shared, this.maxEntryBytes) === undefined &&
      varyMatches(varyFields(headers['vary']), request.headers, follower.headers)
    );
  }

  private served(record: StoredResponse, policy: CachePolicy, entry: CacheStatusEntry): CacheHttpResponse {
    const age = String(Math.floor(policy.age()));
    const ttl = policy.maxAge() - policy.age();
    return {
      status: record.status,
      // Entries written before per-exchange headers were left out may still carry some: never replay them.
      headers: withCacheStatus({ ...withoutPerExchange(record.headers), age }, this.name, { ttl, ...entry }),
      body: record.body,
    };
  }

  private reportStoreError(operation: string, error: unknown): void {
    this.warn(
      `response cache: ${operation} failed, served as a miss: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The headers kept with a stored response: all but hop-by-hop and per-exchange ones. */
function storedHeaders(headers: HeaderMap): Record<string, string | string[]> {
  return withoutPerExchange(withoutHopByHop(headers)) as Record<string, string | string[]>;
}

function conditionalHeaders(headers: CachePolicy.Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['if-none-match', 'if-modified-since']) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
