import { clientErrorAnswer, rawProblemResponse } from './client-error.handler';

const error = (code: string, rawPacket?: Buffer) => Object.assign(new Error(code), { code, rawPacket });

describe(clientErrorAnswer.name, () => {
  it('maps timeouts to 408 and header overflow to 431', () => {
    expect(clientErrorAnswer(error('ERR_HTTP_REQUEST_TIMEOUT'), 4096).status).toBe(408);
    expect(
      clientErrorAnswer(error('HPE_HEADER_OVERFLOW', Buffer.from('GET / HTTP/1.1\r\nX: aaaa')), 4096).status,
    ).toBe(431);
  });

  it('maps header overflow to 414 when the request line is what overflowed', () => {
    expect(
      clientErrorAnswer(error('HPE_HEADER_OVERFLOW', Buffer.from(`GET /${'a'.repeat(5000)}`)), 4096).status,
    ).toBe(414);
  });

  it('answers every other parser error with 400, never a 5xx', () => {
    for (const code of [
      'HPE_INVALID_METHOD',
      'HPE_INVALID_VERSION',
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      'HPE_INVALID_CHUNK_SIZE',
      'HPE_LF_EXPECTED',
    ]) {
      expect(clientErrorAnswer(error(code), 4096).status).toBe(400);
    }
  });
});

describe(rawProblemResponse.name, () => {
  it('is a complete HTTP/1.1 response with a problem+json body and Connection: close', () => {
    const response = rawProblemResponse({ status: 431, detail: 'too large' }, 'req-1');
    const [head, body] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain('Connection: close');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ status: 431, detail: 'too large', requestId: 'req-1' });
  });
});
