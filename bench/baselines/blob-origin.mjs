// A large-body origin for the streaming row: GET /blob streams BLOB_BYTES, POST /blob counts what it got.
import { createServer } from 'node:http';

const size = Number(process.env.BLOB_BYTES ?? 200 * 1024 * 1024);
const chunk = Buffer.alloc(64 * 1024, 0x61);

createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const piece = sent + chunk.length <= size ? chunk : chunk.subarray(0, size - sent);
        sent += piece.length;
        if (!res.write(piece)) return res.once('drain', pump);
      }
      res.end();
    };
    return pump();
  }
  let received = 0;
  req.on('data', (data) => (received += data.length));
  req.on('end', () =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received })),
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
