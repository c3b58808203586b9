import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { ServiceClientsModule, ServiceClientsModuleOptions } from '../src';
import { OrdersFixtureClient, ProductsFixtureClient } from './fixture-clients';

/** What the test server saw of one request. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** A real HTTP server on an ephemeral port that counts what reaches it. */
export interface TestUpstream {
  url: string;
  requests: RecordedRequest[];
  /** TCP connections accepted. */
  connections: number;
  /** Most requests being handled at once. */
  maxInFlight: number;
  handle: Handler;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startTestUpstream(
  handle: Handler = (_req, res) => json(res, 200, { ok: true }),
): Promise<TestUpstream> {
  let inFlight = 0;
  const state: TestUpstream = {
    url: '',
    requests: [],
    connections: 0,
    maxInFlight: 0,
    handle,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      try {
        await state.handle(req, res, body);
      } catch {
        if (!res.headersSent) res.writeHead(500).end();
      }
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A URL nothing listens on (a port taken and released). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The real module, compiled the way an app wires it (`forRootAsync` with a factory). */
export function compileClients(options: ServiceClientsModuleOptions): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      ServiceClientsModule.forRootAsync({
        clients: [ProductsFixtureClient, OrdersFixtureClient],
        useFactory: () => options,
      }),
    ],
  }).compile();
}
