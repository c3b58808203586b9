// Reference row: fastify 5 + @fastify/http-proxy (reply-from over an undici pool), nothing else — the
// library the declared routes are built on, with the same upstream pool size.
import Fastify from 'fastify';
import proxy from '@fastify/http-proxy';

const app = Fastify({ logger: false });
await app.register(proxy, { upstream: process.env.UPSTREAM_URL, undici: { connections: 64, pipelining: 1 } });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
