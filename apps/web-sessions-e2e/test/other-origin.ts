import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A page on another origin that tries to place an order at the gateway with the user's cookie: a form
 * POST (no script needed) and a credentialed `fetch` that forges the CSRF header.
 */
export async function startOtherOrigin(gateway: string): Promise<{ url: string; close(): Promise<void> }> {
  const order = JSON.stringify({ items: [{ productId: 'p-0001', quantity: 1 }] });
  const page = `<!doctype html><html><body>
<form id="f" method="post" action="${gateway}/api/orders" enctype="text/plain"><input type="hidden" name='${order.slice(0, -1)}' value='}'></form>
<script>
window.tryFetch = async () => {
  try {
    const r = await fetch(${JSON.stringify(`${gateway}/api/orders`)}, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-csrf': '1', 'idempotency-key': 'attack-1' }, body: ${JSON.stringify(order)} });
    return 'status ' + r.status;
  } catch (e) { return 'blocked'; }
};
window.tryNoCors = async () => {
  // The request goes out; its answer is opaque to the page (or withheld by Cross-Origin-Resource-Policy).
  await fetch(${JSON.stringify(`${gateway}/api/orders`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(order)} }).catch(() => undefined);
  return 'sent';
};
</script></body></html>`;
  const server: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(page),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    // Same host, another port: another origin but the same site, so even SameSite=Strict sends the cookie
    // and only the gateway's CSRF checks stand in the way.
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
