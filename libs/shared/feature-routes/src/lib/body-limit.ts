import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** Raised by `limitedBody` when a streamed body grows past its limit. */
export class BodyTooLargeError extends Error {
  readonly code = 'CONCIERGE_BODY_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/**
 * The stream, passed through chunk by chunk, failing with `BodyTooLargeError` once more than `limit`
 * bytes went by (for bodies whose length is not announced). Nothing is held back.
 */
export function limitedBody(source: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(new BodyTooLargeError(limit));
      else callback(null, chunk);
    },
  });
  source.on('error', (error) => counter.destroy(error));
  return source.pipe(counter);
}

/** Reads a stream whole, up to `limit` bytes; rejects with `BodyTooLargeError` past it. */
export async function readLimited(source: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
