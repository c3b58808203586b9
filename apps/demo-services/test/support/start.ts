import { startDemoServices, type RunningDemoServices, type StartOptions } from '../../src/demo-services';

/** The six services on ephemeral ports, quiet, so suites can run side by side. */
export function startForTest(options: StartOptions = {}): Promise<RunningDemoServices> {
  return startDemoServices({
    ...options,
    logLevel: 'silent',
    ports: { identity: 0, users: 0, catalog: 0, orders: 0, devices: 0, consumers: 0 },
  });
}

/** Bodies default to `any`: tests assert on loosely shaped JSON, including problem documents. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface JsonResponse<T = Loose> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch + JSON, keeping status and headers for assertions. */
export async function call<T = Loose>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(url, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
