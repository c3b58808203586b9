// The origin behind every pass-through row when nginx is not installed: the same 1 KB JSON for any path,
// doing no work of its own; `/cacheable/…` adds a shared-cache lifetime for the cache rows.
import { createServer } from 'node:http';
import { fixedProductJson } from '../lib/fixed-body.mjs';

const body = Buffer.from(fixedProductJson());
const plain = { 'content-type': 'application/json', 'content-length': String(body.length) };
const cacheable = { ...plain, 'cache-control': 'public, max-age=300' };

const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, req.url.startsWith('/cacheable/') ? cacheable : plain).end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
