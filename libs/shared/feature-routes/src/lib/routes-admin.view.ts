import type { CompiledRoute } from './compiled-route';
import type { ReloadTrigger } from './routes-reload.triggers';
import type { RouteTable } from './route-table';

/** What became of one reload. */
export interface ReloadOutcome {
  result: 'ok' | 'error';
  trigger: ReloadTrigger;
  /** ISO time of the attempt. */
  at: string;
  /** The version serving after it (the new one, or the one kept). */
  version: string;
  /** On error: the one line that was logged, naming the entry. */
  error?: string;
  /** On error: every problem, one per entry. */
  problems?: string[];
}

/** One route as `/admin/routes` shows it. */
export interface RouteView {
  id: string;
  methods: string[];
  path: string;
  upstream: { service?: string; url: string; rewrite: string };
  auth: 'public' | Partial<Record<'user' | 'client' | 'device', readonly string[]>>;
  /** The route's own policy (bucket `route:<id>`), `default` (the gateway's, shared), or `off`. */
  rateLimit: string;
  cache: { enabled: boolean; perPrincipal: boolean } | null;
  timeoutMs?: number;
}

function viewOf(route: CompiledRoute): RouteView {
  return {
    id: route.id,
    methods: route.methods,
    path: route.path,
    upstream: {
      service: route.service,
      url: route.origin + route.basePath,
      rewrite: route.definition.upstream.rewrite ?? route.path,
    },
    auth: route.auth.kind === 'public' ? 'public' : route.auth.principals,
    rateLimit: route.rateLimit ?? 'default',
    cache: route.cache ?? null,
    timeoutMs: route.timeoutMs,
  };
}

/** `GET /admin/routes`: the live table, its version, when it was loaded, and the last reload's outcome. */
export function routesAdminView(table: RouteTable, lastReload: ReloadOutcome | undefined) {
  return {
    version: table.version,
    loadedAt: table.loadedAt.toISOString(),
    source: table.source,
    routes: table.routes.map(viewOf),
    lastReload: lastReload ?? null,
  };
}
