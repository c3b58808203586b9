/** What `setupApiDocs` puts on the page; everything else is read from the running application. */
export interface ApiDocsOptions {
  /** The gateway's name, the document's title (e.g. `web-bff`). */
  name: string;
  /** `info.version` of the document. Default `1.0.0`. */
  version?: string;
  /** `info.description`; a default describes the gateway's conventions (errors, request ids, limits). */
  description?: string;
  /** Where Swagger UI is served; the document is at `<path>-json`. Default `docs`. */
  path?: string;
}

/**
 * Anything in the application that knows paths the controllers do not show, e.g. the declarative routes
 * registrar (`openApiPaths()`): every provider with such a method contributes to the document.
 */
export interface OpenApiPathsSource {
  openApiPaths(): Record<string, Record<string, unknown>>;
  /** Changes whenever its paths do (a reloaded routes table): the document is rebuilt then. */
  openApiVersion?(): string;
}

/** How an operation marked deprecated announces it on its answers (the exact header values). */
export interface DeprecationNotice {
  /** RFC 9745 `Deprecation`: a structured-field date, `@<unix seconds>`. */
  deprecation: string;
  /** RFC 8594 `Sunset`: an HTTP date, when the operation stops answering. */
  sunset?: string;
  /** Where to read about it (sent as `Link: <...>; rel="deprecation"`). */
  link?: string;
}

/**
 * Anything in the application that marks operations deprecated (e.g. from its configuration): every
 * provider with an `openApiDeprecations()` method contributes. Keys are `METHOD /path/:param`, as routes
 * are registered; those operations get `deprecated: true` and their headers documented.
 */
export interface OpenApiDeprecationsSource {
  openApiDeprecations(): ReadonlyMap<string, DeprecationNotice>;
}
