import { Readable } from 'node:stream';
import { AxiosError, AxiosInstance, isCancel } from 'axios';
import { TestUpstream, delay, json, startTestUpstream } from '../../../test/test-upstream';
import { createUpstreamAxios, plainHeadersOf } from './undici.adapter';
import { UndiciTransport } from './undici.transport';

describe(createUpstreamAxios.name, () => {
  let server: TestUpstream;
  let transport: UndiciTransport;
  let sut: AxiosInstance;

  beforeEach(async () => {
    server = await startTestUpstream((req, res, body) =>
      json(res, 200, { method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body }),
    );
    transport = new UndiciTransport({ connections: 4 });
    sut = createUpstreamAxios(transport);
  });

  afterEach(async () => {
    await transport.close();
    await server.close();
  });

  it('sends a JSON body and parses the JSON answer once', async () => {
    const response = await sut.post(`${server.url}/things`, { a: 1 }, { params: { x: 'y z' } });

    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      method: 'POST',
      url: '/things?x=y+z',
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  it('sends Buffer and stream bodies as they are', async () => {
    const fromBuffer = await sut.put(`${server.url}/b`, Buffer.from('raw bytes'), {
      headers: { 'content-type': 'application/octet-stream' },
    });
    const fromStream = await sut.post(`${server.url}/s`, Readable.from(['chunk-1 ', 'chunk-2']), {
      headers: { 'content-type': 'text/plain' },
    });

    expect(fromBuffer.data).toMatchObject({ body: 'raw bytes', type: 'application/octet-stream' });
    expect(fromStream.data).toMatchObject({ body: 'chunk-1 chunk-2', type: 'text/plain' });
  });

  it('returns headers as a plain lower-case object', async () => {
    server.handle = (_req, res) => {
      res.setHeader('X-Mixed-Case', 'v');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      json(res, 200, {});
    };

    const response = await sut.get(`${server.url}/h`);
    const headers = plainHeadersOf(response);

    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(headers['x-mixed-case']).toBe('v');
    expect(headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('honours responseType text, arraybuffer and stream', async () => {
    const text = await sut.get(`${server.url}/t`, { responseType: 'text' });
    const bytes = await sut.get(`${server.url}/t`, { responseType: 'arraybuffer' });
    const stream = await sut.get(`${server.url}/t`, { responseType: 'stream' });
    let streamed = '';
    for await (const chunk of stream.data as Readable) streamed += chunk;

    expect(typeof text.data).toBe('string');
    expect(Buffer.isBuffer(bytes.data)).toBe(true);
    expect(JSON.parse(streamed)).toMatchObject({ url: '/t' });
  });

  it('rejects statuses validateStatus refuses, with the response attached', async () => {
    server.handle = (_req, res) => json(res, 418, { detail: 'teapot' });

    const error = await sut.get(`${server.url}/x`).catch((e: unknown) => e);
    const accepted = await sut.get(`${server.url}/x`, { validateStatus: () => true });

    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).response?.status).toBe(418);
    expect((error as AxiosError).response?.data).toEqual({ detail: 'teapot' });
    expect(accepted.status).toBe(418);
  });

  it('times out with ECONNABORTED and cancels on an aborted signal', async () => {
    server.handle = async (_req, res) => {
      await delay(500);
      if (!res.destroyed) json(res, 200, {});
    };
    const controller = new AbortController();

    const timedOut = await sut.get(`${server.url}/slow`, { timeout: 30 }).catch((e: unknown) => e);
    const cancelled = sut.get(`${server.url}/slow`, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();

    expect((timedOut as AxiosError).code).toBe('ECONNABORTED');
    expect(isCancel(await cancelled)).toBe(true);
  });

  it('never follows redirects', async () => {
    server.handle = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };

    const response = await sut.get(`${server.url}/moved`, { validateStatus: () => true });

    expect(response.status).toBe(302);
    expect(server.requests).toHaveLength(1);
  });
});
