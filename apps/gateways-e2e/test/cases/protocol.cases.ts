import { message, postJson, type GatewayTarget, type HostileCase } from './case-kit';

/** Broken request lines and framing Node's parser must refuse (or that reach a route and fail there). */
export function framingCases(t: GatewayTarget): HostileCase[] {
  const body = t.wrapJson('0');
  const auth = t.auth;
  const lines: Record<string, string> = {
    'no-version': `GET ${t.refusedGet}`,
    'http-0.9': `GET ${t.refusedGet}`,
    'version-1.2': `GET ${t.refusedGet} HTTP/1.2`,
    'version-2.0': `GET ${t.refusedGet} HTTP/2.0`,
    'version-9.9': `GET ${t.refusedGet} HTTP/9.9`,
    'version-lowercase': `GET ${t.refusedGet} http/1.1`,
    'version-garbage': `GET ${t.refusedGet} HTTP/1.x`,
    'version-only': 'HTTP/1.1',
    'double-space': `GET  ${t.refusedGet}  HTTP/1.1`,
    'tab-separated': `GET\t${t.refusedGet}\tHTTP/1.1`,
    'leading-space': ` GET ${t.refusedGet} HTTP/1.1`,
    'trailing-space': `GET ${t.refusedGet} HTTP/1.1 `,
    'no-target': 'GET HTTP/1.1',
    'asterisk-target': 'GET * HTTP/1.1',
    'absolute-form-other-host': `GET http://evil.example${t.refusedGet} HTTP/1.1`,
    'authority-form': 'GET evil.example:443 HTTP/1.1',
    'target-without-slash': `GET api HTTP/1.1`,
    'space-in-target': `GET ${t.refusedGet} x HTTP/1.1`,
    'nul-in-target': `GET ${t.refusedGet}\0 HTTP/1.1`,
    'cr-in-target': `GET ${t.refusedGet}\rx HTTP/1.1`,
    'del-in-target': `GET ${t.refusedGet}\x7f HTTP/1.1`,
    'control-in-target': `GET ${t.refusedGet}\x01 HTTP/1.1`,
    'h2-preface': 'PRI * HTTP/2.0',
    'response-line': 'HTTP/1.1 200 OK',
    'empty-line': '',
  };
  const cases: HostileCase[] = Object.entries(lines).map(([name, line]) => ({
    id: `framing/${name}`,
    category: 'framing',
    payload:
      name === 'http-0.9'
        ? Buffer.from(`${line}\r\n`)
        : message(line, ['Host: gateway', auth, 'Connection: close']),
  }));
  const raw: Record<string, string> = {
    'h2-preface-full': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04\x00\x00\x00\x00\x00',
    'lf-only-line-endings': `POST ${t.jsonRoute} HTTP/1.1\nHost: gateway\n${auth}\nContent-Type: application/json\nContent-Length: ${body.length}\n\n${body}`,
    'cr-only-line-endings': `POST ${t.jsonRoute} HTTP/1.1\rHost: gateway\r${auth}\r\r`,
    'tls-client-hello': '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',
    'binary-garbage': '\x00\x01\x02\x03\xff\xfe\xfd\r\n\r\n',
    'json-instead-of-http': '{"items":[]}\r\n\r\n',
    'header-before-request-line': `Host: gateway\r\nGET ${t.refusedGet} HTTP/1.1\r\n\r\n`,
    'folded-request-line': `GET\r\n ${t.refusedGet} HTTP/1.1\r\nHost: gateway\r\n\r\n`,
    'no-blank-line-then-body': `POST ${t.jsonRoute} HTTP/1.1\r\nHost: gateway\r\n${auth}\r\nContent-Length: 2\r\n{}`,
    'sse-style-bare-cr': `GET ${t.refusedGet} HTTP/1.1\r\nHost: gateway\r\nX-A: 1\r\r\n\r\n`,
  };
  for (const [name, bytes] of Object.entries(raw)) {
    cases.push({ id: `framing/${name}`, category: 'framing', payload: Buffer.from(bytes, 'latin1') });
  }
  return cases;
}

/** Request smuggling patterns: disagreeing framing headers and obfuscated Transfer-Encoding. */
export function smugglingCases(t: GatewayTarget): HostileCase[] {
  const head = [`POST ${t.jsonRoute} HTTP/1.1`, 'Host: gateway', t.auth, 'Content-Type: application/json'];
  const smuggled = `GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n`;
  const chunked = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n0\r\n\r\n`;
  const body = t.wrapJson('0');
  const cases: HostileCase[] = [];
  const add = (name: string, headers: string[], rest: string) =>
    cases.push({
      id: `smuggling/${name}`,
      category: 'smuggling',
      payload: Buffer.from(`${[...head, ...headers].join('\r\n')}\r\n\r\n${rest}`, 'latin1'),
    });

  add('cl-te', ['Content-Length: 6', 'Transfer-Encoding: chunked'], `0\r\n\r\nG${smuggled}`);
  add(
    'te-cl',
    ['Transfer-Encoding: chunked', 'Content-Length: 4'],
    `5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n`,
  );
  add('cl-cl-conflicting', ['Content-Length: 2', 'Content-Length: 40'], `${body}${smuggled}`);
  add('cl-cl-same', [`Content-Length: ${body.length}`, `Content-Length: ${body.length}`], body);
  add('cl-list', [`Content-Length: ${body.length}, ${body.length}`], body);
  add('te-te', ['Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'], chunked(body));
  const obfuscatedTe = {
    xchunked: 'Transfer-Encoding: xchunked',
    'chunked-x': 'Transfer-Encoding: chunkedx',
    'leading-space': 'Transfer-Encoding:  chunked',
    'leading-tab': 'Transfer-Encoding:\tchunked',
    'space-before-colon': 'Transfer-Encoding : chunked',
    'tab-before-colon': 'Transfer-Encoding\t: chunked',
    uppercase: 'Transfer-Encoding: CHUNKED',
    'chunked-identity': 'Transfer-Encoding: chunked, identity',
    'identity-chunked': 'Transfer-Encoding: identity, chunked',
    identity: 'Transfer-Encoding: identity',
    gzip: 'Transfer-Encoding: gzip',
    'gzip-chunked': 'Transfer-Encoding: gzip, chunked',
    quoted: 'Transfer-Encoding: "chunked"',
    'vertical-tab': 'Transfer-Encoding: \x0bchunked',
    'nul-suffix': 'Transfer-Encoding: chunked\x00',
    'line-folded': 'Transfer-Encoding:\r\n chunked',
    'underscore-name': 'Transfer_Encoding: chunked',
    'x-prefixed': 'X-Transfer-Encoding: chunked',
    empty: 'Transfer-Encoding: ',
    'comma-only': 'Transfer-Encoding: ,',
  };
  for (const [name, header] of Object.entries(obfuscatedTe)) {
    add(`te-${name}-with-cl`, [header, `Content-Length: ${body.length}`], body);
    add(`te-${name}-alone`, [header], chunked(body));
  }
  const lengths = {
    negative: '-1',
    plus: `+${body.length}`,
    hex: `0x${body.length.toString(16)}`,
    'with-space': `${body.length} 1`,
    huge: '99999999999999999999999',
    float: `${body.length}.0`,
    empty: '',
    letters: 'abc',
  };
  for (const [name, value] of Object.entries(lengths)) add(`cl-${name}`, [`Content-Length: ${value}`], body);
  const chunks = {
    'size-not-hex': `zz\r\n${body}\r\n0\r\n\r\n`,
    'size-overflow': `ffffffffffffffffff\r\n${body}\r\n0\r\n\r\n`,
    'size-negative': `-5\r\n${body}\r\n0\r\n\r\n`,
    'size-too-small': `1\r\n${body}\r\n0\r\n\r\n`,
    'missing-crlf-after-data': `${body.length.toString(16)}\r\n${body}0\r\n\r\n`,
    'extension-injection': `${body.length.toString(16)};a=b\nX: y\r\n${body}\r\n0\r\n\r\n`,
    'huge-extension': `${body.length.toString(16)};${'e'.repeat(20000)}\r\n${body}\r\n0\r\n\r\n`,
    'bare-lf-size-line': `${body.length.toString(16)}\n${body}\r\n0\r\n\r\n`,
    'trailer-injection': `${body.length.toString(16)}\r\n${body}\r\n0\r\nContent-Length: 5\r\nX\0: y\r\n\r\n`,
    'space-in-size': `${body.length.toString(16)} 1\r\n${body}\r\n0\r\n\r\n`,
  };
  for (const [name, rest] of Object.entries(chunks))
    add(`chunk-${name}`, ['Transfer-Encoding: chunked'], rest);
  return cases;
}

/** Methods a gateway does not serve, spelled right or wrong. */
export function methodCases(t: GatewayTarget): HostileCase[] {
  const methods = {
    absurd: 'FOOBAR',
    lowercase: 'post',
    'mixed-case': 'PoSt',
    digits: 'G3T',
    'very-long': 'X'.repeat(2000),
    'with-nul': 'GE\0T',
    'with-slash': 'GET/',
    trace: 'TRACE',
    track: 'TRACK',
    propfind: 'PROPFIND',
    mkcol: 'MKCOL',
    purge: 'PURGE',
    'm-search': 'M-SEARCH',
    delete: 'DELETE',
    patch: 'PATCH',
    put: 'PUT',
  };
  const cases: HostileCase[] = Object.entries(methods).map(([name, method]) => ({
    id: `methods/${name}`,
    category: 'methods',
    payload: message(`${method} ${t.jsonRoute} HTTP/1.1`, [
      'Host: gateway',
      t.auth,
      'Content-Length: 0',
      'Connection: close',
    ]),
  }));
  cases.push({
    id: 'methods/connect',
    category: 'methods',
    payload: message('CONNECT evil.example:443 HTTP/1.1', ['Host: evil.example:443', t.auth]),
  });
  cases.push({
    id: 'methods/options-asterisk',
    category: 'methods',
    payload: message('OPTIONS * HTTP/1.1', ['Host: gateway', 'Connection: close']),
  });
  cases.push({
    id: 'methods/override-header',
    category: 'methods',
    payload: postJson(t, t.wrapJson('0'), ['X-HTTP-Method-Override: DELETE', 'X-Method-Override: PUT']),
  });
  cases.push({
    id: 'methods/upgrade-websocket',
    category: 'methods',
    payload: message(`GET ${t.pathRoute('p1')} HTTP/1.1`, [
      'Host: gateway',
      t.auth,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ]),
  });
  const h2cBody = t.wrapJson('0');
  cases.push({
    id: 'methods/upgrade-h2c',
    category: 'methods',
    payload: message(
      `POST ${t.jsonRoute} HTTP/1.1`,
      [
        'Host: gateway',
        t.auth,
        'Connection: Upgrade, HTTP2-Settings',
        'Upgrade: h2c',
        'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA',
        'Content-Type: application/json',
        `Content-Length: ${h2cBody.length}`,
      ],
      h2cBody,
    ),
  });
  return cases;
}

/** Slow clients, a few of them: the server's timeouts (short ones, set for the suite) must cut them. */
export function slowCases(t: GatewayTarget, serverTimeoutMs: number): HostileCase[] {
  const body = t.wrapJson('0');
  const head = `POST ${t.jsonRoute} HTTP/1.1\r\nHost: gateway\r\n${t.auth}\r\nContent-Type: application/json\r\n`;
  const bytes = (text: string) => [...Buffer.from(text, 'latin1')].map((b) => Buffer.from([b]));
  const timeoutMs = serverTimeoutMs + 4000;
  return [
    {
      id: 'slow/slowloris-headers',
      category: 'slow',
      timeoutMs,
      payload: { pieces: bytes(`${head}X-Drip: ${'a'.repeat(200)}`), gapMs: 40 },
    },
    {
      id: 'slow/headers-never-end',
      category: 'slow',
      timeoutMs,
      payload: {
        pieces: [Buffer.from(head), ...Array.from({ length: 200 }, (_, i) => Buffer.from(`X-${i}: v\r\n`))],
        gapMs: 50,
      },
    },
    {
      id: 'slow/connect-and-say-nothing',
      category: 'slow',
      timeoutMs,
      payload: { pieces: [Buffer.alloc(0)], gapMs: 0 },
    },
    { id: 'slow/partial-request-line', category: 'slow', timeoutMs, payload: Buffer.from('POST /api') },
    {
      id: 'slow/body-drip',
      category: 'slow',
      timeoutMs,
      payload: {
        pieces: [
          Buffer.from(`${head}Content-Length: ${body.length + 500}\r\n\r\n`),
          ...bytes(`${body}${' '.repeat(500)}`),
        ],
        gapMs: 30,
      },
    },
    {
      id: 'slow/truncated-body',
      category: 'slow',
      timeoutMs,
      payload: Buffer.from(`${head}Content-Length: 5000\r\n\r\n${body}`),
    },
    {
      id: 'slow/truncated-chunked',
      category: 'slow',
      timeoutMs,
      payload: Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n100\r\n${body}`),
    },
    {
      id: 'slow/chunk-drip',
      category: 'slow',
      timeoutMs,
      payload: {
        pieces: [
          Buffer.from(`${head}Transfer-Encoding: chunked\r\n\r\n`),
          ...Array.from({ length: 400 }, () => Buffer.from('1\r\n \r\n')),
        ],
        gapMs: 15,
      },
    },
  ];
}
