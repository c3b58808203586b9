import type { FastifyReply, FastifyRequest } from 'fastify';
import { keepValidatorsOnReads } from './validators-on-reads.hook';

/** A reply as the hook sees it: a status and a header bag. */
function reply(statusCode: number, headers: Record<string, string> = {}) {
  const bag: Record<string, string> = { ...headers };
  const fake = {
    statusCode,
    getHeader: (name: string) => bag[name],
    hasHeader: (name: string) => name in bag,
    header: (name: string, value: string) => ((bag[name] = value), fake),
    removeHeader: (name: string) => delete bag[name],
  };
  return { fake: fake as unknown as FastifyReply, bag };
}

function run(method: string, statusCode: number, headers: Record<string, string> = {}) {
  const { fake, bag } = reply(statusCode, headers);
  const done = jest.fn();
  keepValidatorsOnReads({ method } as FastifyRequest, fake, 'payload', done);
  expect(done).toHaveBeenCalledWith(null, 'payload');
  return bag;
}

describe(keepValidatorsOnReads.name, () => {
  const sut = run;

  it('keeps the ETag of a successful read, varies it by encoding and asks for revalidation', () => {
    expect(sut('GET', 200, { etag: '"a"' })).toEqual({
      etag: '"a"',
      vary: 'accept-encoding',
      'cache-control': 'private, no-cache',
    });
    expect(sut('GET', 304, { etag: '"a"' })).toMatchObject({ etag: '"a"', vary: 'accept-encoding' });
  });

  it('drops the ETag of writes and errors', () => {
    expect(sut('POST', 201, { etag: '"a"' })).toEqual({});
    expect(sut('GET', 404, { etag: '"a"' })).toEqual({});
  });

  it("adds to an existing Vary once, and leaves a route's own Cache-Control alone", () => {
    expect(sut('GET', 200, { vary: 'Origin', 'cache-control': 'public, max-age=60' })).toEqual({
      vary: 'Origin, accept-encoding',
      'cache-control': 'public, max-age=60',
    });
    expect(sut('GET', 200, { vary: 'Accept-Encoding' }).vary).toBe('Accept-Encoding');
  });
});
