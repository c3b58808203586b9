import fastifyCompress from '@fastify/compress';
import fastifyEtag from '@fastify/etag';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { keepValidatorsOnReads } from './validators-on-reads.hook';

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs a phone. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Phone-friendly HTTP: strong ETags with `If-None-Match` → 304, br/gzip for bodies over 1 KB. Order
 * matters: the ETag hook runs first, on the JSON itself, so one validator names the content whatever its
 * content coding, and a 304 (empty) is never compressed. Compression's hook is per route (it hooks
 * `onRoute`), so it must be registered before Nest and the declared routes add theirs at `listen`.
 */
export async function configureMobileHttp(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyEtag, { algorithm: 'sha1' });
  app.getHttpAdapter().getInstance().addHook('onSend', keepValidatorsOnReads);
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
  });
}
