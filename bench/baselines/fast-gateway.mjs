// Reference row: fast-gateway 3.4 (restana + fast-proxy-lite, keep-alive agent), one catch-all route.
import gateway from 'fast-gateway';

const server = gateway({
  routes: [{ prefix: '/products', prefixRewrite: '/products', target: process.env.UPSTREAM_URL }],
});
await server.start(Number(process.env.PORT), '127.0.0.1');
