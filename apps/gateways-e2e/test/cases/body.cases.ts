import { message, postJson, type GatewayTarget, type HostileCase } from './case-kit';

/** Byte sequences that are not UTF-8: overlong forms, surrogates, stray continuations, truncations. */
export const INVALID_UTF8: Record<string, number[]> = {
  'lone-continuation': [0x80],
  'overlong-slash': [0xc0, 0xaf],
  'overlong-dot-3': [0xe0, 0x80, 0xae],
  'overlong-nul': [0xc0, 0x80],
  'truncated-2': [0xc3],
  'truncated-3': [0xe2, 0x82],
  'truncated-4': [0xf0, 0x9f, 0x98],
  surrogate: [0xed, 0xa0, 0x80],
  'beyond-u10ffff': [0xf4, 0x90, 0x80, 0x80],
  'byte-ff': [0xff],
  'byte-fe': [0xfe, 0xff],
  'invalid-second-byte': [0xc3, 0x28],
};

const nest = (open: string, close: string, depth: number, inner = '0') =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Bodies that are not JSON, or JSON the route refuses; none of them may get past the gateway's edge. */
export function jsonCases(t: GatewayTarget): HostileCase[] {
  const bodies: Record<string, string> = {
    empty: '',
    whitespace: '   \n\t ',
    'open-brace': '{',
    'close-brace': '}',
    truncated: t.wrapJson('0').slice(0, -3),
    'trailing-comma': '{"items":[],}',
    'single-quotes': "{'items':[]}",
    'unquoted-keys': '{items:[]}',
    nan: '{"a":NaN}',
    infinity: '{"a":Infinity}',
    'leading-zero': '{"a":01}',
    'bad-escape': '{"a":"\\x41"}',
    'short-unicode-escape': '{"a":"\\u12"}',
    'lone-surrogate-escape': t.wrapJson('"\\ud800"'),
    'raw-control-char': '{"a":"\u0001\u0000"}',
    comment: '/* x */{"items":[]}',
    'trailing-garbage': `${t.wrapJson('0')}xyz`,
    'two-documents': `${t.wrapJson('0')}${t.wrapJson('0')}`,
    bom: `\ufeff${t.wrapJson('0')}`,
    null: 'null',
    true: 'true',
    number: '42',
    string: '"items"',
    'empty-array': '[]',
    'empty-object': '{}',
    'huge-exponent': t.wrapJson('1e999999'),
    'huge-integer': t.wrapJson('9'.repeat(5000)),
    'negative-zero': t.wrapJson('-0'),
    'long-string': t.wrapJson(JSON.stringify('a'.repeat(200_000))),
    'many-keys': `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":0`).join(',')}}`,
    'duplicate-keys-last-invalid': `${t.wrapJson('0').slice(0, -1)},${t.wrapJson('0').slice(1)}`,
    'wide-array': t.wrapJson(`[${Array.from({ length: 50_000 }, () => '0').join(',')}]`),
    'escaped-everything': t.wrapJson(JSON.stringify('\\u0041'.repeat(10_000))),
    'deep-arrays-31': t.wrapJson(nest('[', ']', 28)),
    'deep-arrays-33': t.wrapJson(nest('[', ']', 33)),
    'deep-arrays-64': t.wrapJson(nest('[', ']', 64)),
    'deep-arrays-1000': t.wrapJson(nest('[', ']', 1000)),
    'deep-arrays-200k': nest('[', ']', 200_000),
    'deep-objects-40': t.wrapJson(nest('{"a":', '}', 40)),
    'deep-objects-100k': nest('{"a":', '}', 100_000),
    'deep-unclosed': '['.repeat(500_000),
    'deep-mixed': t.wrapJson(nest('[{"a":', '}]', 30)),
    'brackets-in-strings': t.wrapJson(JSON.stringify('['.repeat(100_000))),
  };
  return Object.entries(bodies).map(([name, body]) => ({
    id: `json/${name}`,
    category: 'json',
    payload: postJson(t, body),
  }));
}

/** Prototype pollution through JSON bodies, spelled plainly and with escapes. */
export function prototypeCases(t: GatewayTarget): HostileCase[] {
  const bodies: Record<string, string> = {
    'proto-top': `{"__proto__":{"admin":true},${t.wrapJson('0').slice(1)}`,
    'proto-nested': t.wrapJson('{"__proto__":{"admin":true}}'),
    'proto-in-array': t.wrapJson('[{"__proto__":{"admin":true}}]'),
    'proto-escaped': `{"\\u005f_proto__":{"admin":true},${t.wrapJson('0').slice(1)}`,
    'proto-fully-escaped': t.wrapJson(
      '{"\\u005f\\u005f\\u0070\\u0072\\u006f\\u0074\\u006f\\u005f\\u005f":{"a":1}}',
    ),
    'proto-null': `{"__proto__":null,${t.wrapJson('0').slice(1)}`,
    'proto-array': '{"__proto__":[]}',
    'constructor-prototype': `{"constructor":{"prototype":{"admin":true}},${t.wrapJson('0').slice(1)}`,
    'constructor-prototype-nested': t.wrapJson('{"constructor":{"prototype":{"polluted":1}}}'),
    'constructor-escaped': t.wrapJson('{"constructor":{"\\u0070rototype":{"polluted":1}}}'),
    'proto-whitespace': `{ "__proto__" : {"admin":true}, ${t.wrapJson('0').slice(1)}`,
    'proto-deep': t.wrapJson(`${'{"a":'.repeat(10)}{"__proto__":{"x":1}}${'}'.repeat(10)}`),
    'prototype-key-only': t.wrapJson('{"prototype":{"x":1}}'),
    'tostring-override': t.wrapJson('{"toString":"x","valueOf":1,"hasOwnProperty":0}'),
  };
  return Object.entries(bodies).map(([name, body]) => ({
    id: `prototype/${name}`,
    category: 'prototype',
    payload: postJson(t, body),
  }));
}

/** Invalid UTF-8 inside JSON strings and keys. */
export function utf8BodyCases(t: GatewayTarget): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
    const [before, after] = t.wrapJson('"§"').split('§');
    cases.push({
      id: `utf8/body-value-${name}`,
      category: 'utf8',
      payload: postJson(t, Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)])),
    });
    cases.push({
      id: `utf8/body-key-${name}`,
      category: 'utf8',
      payload: postJson(
        t,
        Buffer.concat([
          Buffer.from('{"'),
          Buffer.from(bytes),
          Buffer.from(`":1,${t.wrapJson('0').slice(1)}`),
        ]),
      ),
    });
  }
  cases.push({
    id: 'utf8/body-utf16',
    category: 'utf8',
    payload: postJson(t, Buffer.from(`\ufeff${t.wrapJson('0')}`, 'utf16le')),
  });
  cases.push({
    id: 'utf8/body-latin1',
    category: 'utf8',
    payload: postJson(t, Buffer.from(t.wrapJson('"café"'), 'latin1')),
  });
  return cases;
}

/** Bodies in types the route does not take, and content types spelled to confuse a parser. */
export function contentTypeCases(t: GatewayTarget): HostileCase[] {
  const body = t.wrapJson('0');
  const types: Record<string, string | undefined> = {
    absent: undefined,
    'text-plain': 'text/plain',
    xml: 'application/xml',
    'multipart-no-boundary': 'multipart/form-data',
    multipart: 'multipart/form-data; boundary=xyz',
    'octet-stream': 'application/octet-stream',
    'json-suffix-typo': 'application/jsonx',
    'json-prefix': 'xapplication/json',
    'vendor-json': 'application/vnd.evil+json',
    jsonp: 'application/javascript',
    'charset-latin1': 'application/json; charset=iso-8859-1',
    'charset-utf16': 'application/json; charset=utf-16',
    'charset-quoted-bogus': 'application/json; charset="x"',
    'many-params': `application/json; ${Array.from({ length: 200 }, (_, i) => `p${i}=v`).join('; ')}`,
    'empty-value': '',
    wildcard: '*/*',
    'two-types': 'application/json, text/plain',
    'semicolons-only': ';;;;',
    'nul-in-type': 'application/json\0',
    'huge-type': `application/${'j'.repeat(8000)}`,
    'form-urlencoded': 'application/x-www-form-urlencoded',
  };
  const cases: HostileCase[] = Object.entries(types).map(([name, type]) => ({
    id: `content-type/${name}`,
    category: 'content-type',
    payload: postJson(t, body, [], type === undefined ? '' : type),
  }));
  const form = Array.from({ length: 5000 }, (_, i) => `f${i}=${i}`).join('&');
  cases.push({
    id: 'content-type/form-many-fields',
    category: 'content-type',
    payload: postJson(t, form, [], 'application/x-www-form-urlencoded'),
  });
  cases.push({
    id: 'content-type/form-proto',
    category: 'content-type',
    payload: postJson(
      t,
      '__proto__[admin]=1&constructor[prototype][x]=1',
      [],
      'application/x-www-form-urlencoded',
    ),
  });
  cases.push({
    id: 'content-type/two-headers',
    category: 'content-type',
    payload: postJson(t, body, ['Content-Type: text/plain']),
  });
  return cases;
}

/** Bodies larger than the route takes: declared, chunked, or declared and never sent. */
export function sizeCases(t: GatewayTarget): HostileCase[] {
  const head = (headers: string[]) =>
    message(`POST ${t.jsonRoute} HTTP/1.1`, [
      'Host: gateway',
      t.auth,
      'Content-Type: application/json',
      ...headers,
    ]);
  const big = Buffer.from(t.wrapJson(JSON.stringify('a'.repeat(1_200_000))));
  const chunked = Buffer.concat([
    head(['Transfer-Encoding: chunked']),
    ...Array.from({ length: 40 }, () => Buffer.from(`8000\r\n${'a'.repeat(0x8000)}\r\n`)),
    Buffer.from('0\r\n\r\n'),
  ]);
  return [
    { id: 'size/body-1.2mb', category: 'size', payload: postJson(t, big) },
    {
      id: 'size/declared-1gb',
      category: 'size',
      payload: Buffer.concat([head(['Content-Length: 1073741824']), Buffer.from('{"a":')]),
    },
    {
      id: 'size/declared-max-safe',
      category: 'size',
      payload: Buffer.concat([head([`Content-Length: ${Number.MAX_SAFE_INTEGER}`]), Buffer.from('{')]),
    },
    { id: 'size/chunked-1.3mb', category: 'size', payload: chunked },
    {
      id: 'size/many-tiny-chunks',
      category: 'size',
      payload: Buffer.concat([
        head(['Transfer-Encoding: chunked']),
        Buffer.from('1\r\n \r\n'.repeat(20_000)),
        Buffer.from(`${t.wrapJson('0').length.toString(16)}\r\n${t.wrapJson('0')}\r\n0\r\n\r\n`),
      ]),
    },
  ];
}
