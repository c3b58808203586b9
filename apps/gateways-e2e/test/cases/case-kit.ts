import type { RawPayload } from '@concierge/shared/util-testing';

export type Category =
  | 'framing'
  | 'smuggling'
  | 'methods'
  | 'json'
  | 'prototype'
  | 'utf8'
  | 'headers'
  | 'traversal'
  | 'query'
  | 'content-type'
  | 'size'
  | 'slow';

/** One malformed or malicious request, sent on its own connection. */
export interface HostileCase {
  /** `category/name`, unique per gateway. */
  id: string;
  category: Category;
  payload: RawPayload;
  /** How long before the case counts as a hang (the slow cases wait for the server's timeouts). */
  timeoutMs?: number;
}

/**
 * The routes of one gateway that really parse what the client sends, and a way to make a request that
 * would be refused anyway: every case must end in a 4xx even where the hostile part is tolerated (a
 * tolerated oddity plus an otherwise valid request would be a 2xx, which proves nothing).
 */
export interface GatewayTarget {
  name: string;
  /** The credential header line, e.g. `Authorization: Bearer …`. */
  auth: string;
  /** A POST route that parses a JSON body. */
  jsonRoute: string;
  /** Puts a hostile JSON value where the DTO expects a scalar, in a body its validation refuses anyway. */
  wrapJson(value: string): string;
  /** A route and query that parses its query (the query is appended to this, `?` included). */
  queryRoute: string;
  /** A query parameter the route's validation refuses, appended so that no query case can succeed. */
  refusedQuery: string;
  /** How the query route is called: `GET`, or `POST` with `wrapJson('0')` as body where no GET parses a query. */
  queryMethod: 'GET' | 'POST';
  /** A GET (path and query) that is refused however it arrives: the target of broken request lines. */
  refusedGet: string;
  /** A route with a path parameter, for `segment` as sent (already encoded as the case wants). */
  pathRoute(segment: string): string;
  pathMethod: 'GET' | 'POST';
}

const CRLF = '\r\n';

/** An HTTP/1.1 message from its parts, byte for byte as given (no normalisation whatsoever). */
export function message(startLine: string, headers: string[], body: Buffer | string = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`${startLine}${CRLF}${headers.map((h) => h + CRLF).join('')}${CRLF}`, 'latin1'),
    Buffer.from(body),
  ]);
}

/** A well-framed JSON POST to the target's JSON route, with credentials, and extra header lines. */
export function postJson(
  target: GatewayTarget,
  body: Buffer | string,
  extra: string[] = [],
  contentType = 'application/json',
): Buffer {
  const bytes = Buffer.from(body);
  return message(
    `POST ${target.jsonRoute} HTTP/1.1`,
    [
      'Host: gateway',
      target.auth,
      ...(contentType ? [`Content-Type: ${contentType}`] : []),
      `Content-Length: ${bytes.length}`,
      'Connection: close',
      ...extra,
    ],
    bytes,
  );
}

/** A request for `target` (path and query as given), credentials included. */
export function call(target: GatewayTarget, method: string, path: string, extra: string[] = []): Buffer {
  if (method === 'POST') {
    const body = target.wrapJson('0');
    return message(
      `POST ${path} HTTP/1.1`,
      [
        'Host: gateway',
        target.auth,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        ...extra,
      ],
      body,
    );
  }
  return message(`${method} ${path} HTTP/1.1`, ['Host: gateway', target.auth, 'Connection: close', ...extra]);
}

/** The query route with `query` and the refused parameter. */
export function queryCall(target: GatewayTarget, query: string, extra: string[] = []): Buffer {
  const joined = query ? `${query}&${target.refusedQuery}` : target.refusedQuery;
  return call(target, target.queryMethod, `${target.queryRoute}?${joined}`, extra);
}
