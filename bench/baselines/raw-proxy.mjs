// Reference row: a raw Node `http` proxy with a keep-alive agent, the fastest hand-rolled Node proxy.
import { createServer, request, Agent } from 'node:http';

const upstream = new URL(process.env.UPSTREAM_URL);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

createServer((req, res) => {
  const proxied = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: req.headers,
      agent,
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  proxied.on('error', () => res.writeHead(502).end());
  req.pipe(proxied);
}).listen(Number(process.env.PORT), '127.0.0.1');
