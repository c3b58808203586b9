import { isUtf8 } from 'node:buffer';
import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '@concierge/shared/util-http';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const COLON = 0x3a;

/** What the shape of a JSON text exceeds, found before anything is parsed. */
export type JsonShapeProblem = 'too-deep' | 'too-many-keys';

/**
 * Whether the JSON text nests objects and arrays deeper than `maxDepth`, or gives one object more than
 * `maxKeys` members. One pass over the bytes, before anything is parsed, so a body of a million `[` costs a
 * scan and not a million-deep parse, and an object of 20,000 unknown keys never reaches the DTO
 * transformation (class-transformer spends 1.1 s on one such object, and the other requests on that event
 * loop waited 4 s under load). (Bytes of multi-byte UTF-8 characters are all ≥ 0x80, so they never look
 * like a bracket, colon or quote.)
 */
export function jsonShapeProblem(
  text: Uint8Array,
  maxDepth: number,
  maxKeys = Infinity,
): JsonShapeProblem | undefined {
  // Members counted per open object; arrays hold -1. The depth cap bounds this stack.
  const members: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (members.length >= maxDepth) return 'too-deep';
      members.push(byte === OPEN_OBJECT ? 0 : -1);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      members.pop();
    } else if (byte === COLON && members.length > 0) {
      const top = members.length - 1;
      if (members[top] >= 0 && ++members[top] > maxKeys) return 'too-many-keys';
    }
  }
  return undefined;
}

/** True when the JSON text nests objects and arrays deeper than `maxDepth` (see `jsonShapeProblem`). */
export function exceedsJsonDepth(text: Uint8Array, maxDepth: number): boolean {
  return jsonShapeProblem(text, maxDepth) === 'too-deep';
}

function badJson(status: number, type: string, detail: string): HttpException {
  return new HttpException(problem(status, detail, { type }), status);
}

/** Valid JSON that Fastify's parser refused anyway: it tried to poison a prototype (only asked on errors). */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return text.trim().length > 0;
  } catch {
    return false;
  }
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser = (request: FastifyRequest, body: Buffer, done: Done) => void;

/**
 * The gateway's `application/json` body parser: UTF-8 only (RFC 8259), nesting depth capped, and parsed
 * by Fastify's own parser (secure-json-parse), which refuses `__proto__` and `constructor.prototype`.
 */
export function hardenedJsonParser(
  fastify: FastifyInstance,
  maxDepth: number,
  maxKeys = Infinity,
): JsonParser {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    let shape: JsonShapeProblem | undefined;
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(badJson(415, 'unsupported-charset', 'JSON is accepted in UTF-8 only.'));
    } else if (!isUtf8(body)) {
      done(badJson(400, 'invalid-utf8', 'The request body is not valid UTF-8.'));
    } else if ((shape = jsonShapeProblem(body, maxDepth, maxKeys)) !== undefined) {
      done(
        shape === 'too-deep'
          ? badJson(400, 'json-too-deep', `The JSON body nests deeper than ${maxDepth} levels.`)
          : badJson(
              400,
              'json-too-many-keys',
              `An object of the JSON body has more than ${maxKeys} members.`,
            ),
      );
    } else {
      const text = body.toString('utf8');
      parse(request, text, (error, value) => {
        if (error && isPlainJson(text)) {
          done(
            badJson(
              400,
              'forbidden-property',
              'The JSON body contains a forbidden property (__proto__ or constructor.prototype).',
            ),
          );
        } else {
          done(error, value);
        }
      });
    }
  };
}
