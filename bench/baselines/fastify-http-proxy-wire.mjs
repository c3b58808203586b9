// Reference row: @fastify/http-proxy (fastify-http-proxy.mjs) carrying the same wire contract as a
// Concierge public route and nothing else of it — the security headers, a request id echoed to the client
// and sent upstream, `Via` both ways, `X-Forwarded-*`, the client's credentials and hop-by-hop headers kept
// from the upstream, and a request counter. What it costs over the bare proxy is what a route that asks for
// nothing cannot shed: the rest of the distance to Concierge's public route is the gateway's own plumbing.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import proxy from '@fastify/http-proxy';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
const NOT_FORWARDED = new Set([
  'authorization',
  'cookie',
  'connection',
  'keep-alive',
  'host',
  'te',
  'upgrade',
]);
const requests = new Map();

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.addHook('onRequest', (request, reply, done) => {
  reply.headers(SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  done();
});
app.addHook('onResponse', (request, reply, done) => {
  const key = `${request.method} ${reply.statusCode}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  done();
});
const upstreamHost = new URL(process.env.UPSTREAM_URL).host;
await app.register(proxy, {
  upstream: process.env.UPSTREAM_URL,
  undici: { connections: 64, pipelining: 1 },
  replyOptions: {
    rewriteRequestHeaders: (request, headers) => {
      const out = {};
      for (const name in headers) if (!NOT_FORWARDED.has(name)) out[name] = headers[name];
      out.via = '1.1 concierge';
      out['x-forwarded-for'] = request.ip;
      out['x-forwarded-proto'] = request.protocol;
      out['x-forwarded-host'] = headers.host;
      out['x-request-id'] = request.id;
      out.host = upstreamHost;
      return out;
    },
    rewriteHeaders: (headers) => {
      const out = {};
      for (const name in headers)
        if (!NOT_FORWARDED.has(name) && name !== 'server') out[name] = headers[name];
      out.via = '1.1 concierge';
      return out;
    },
  },
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
