// The reference the three-part aggregate is measured against: raw Node `http` + undici + Promise.all,
// no framework, no auth, no resilience. `GET /products/:id` → product, stock and related, merged.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const catalog = new Pool(process.env.CATALOG_SERVICE_URL, { connections: 64 });
const getJson = async (path) => {
  const { statusCode, body } = await catalog.request({ method: 'GET', path });
  const data = await body.json();
  if (statusCode !== 200) throw new Error(`catalog ${statusCode}`);
  return data;
};

createServer(async (req, res) => {
  const id = req.url.split('/')[2];
  try {
    const [product, stock, related] = await Promise.all([
      getJson(`/products/${id}`),
      getJson(`/products/${id}/stock`),
      getJson(`/products/${id}/related?limit=4`),
    ]);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ product, stock, related }));
  } catch {
    res.writeHead(502).end();
  }
}).listen(Number(process.env.PORT), '127.0.0.1');
