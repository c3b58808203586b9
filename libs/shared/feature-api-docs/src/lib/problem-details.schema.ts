import type { ResponseObject, SchemaObject } from '@nestjs/swagger';
import { problem, PROBLEM_CONTENT_TYPE } from '@concierge/shared/util-http';

/** The media type of every error a gateway sends (RFC 9457). */
const PROBLEM_JSON = PROBLEM_CONTENT_TYPE;

/** `#/components/schemas/ProblemDetails`: the one shape of every error response. */
export const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An RFC 9457 problem: no stack traces, no upstream internals.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem.' },
    title: { type: 'string', description: 'Short, human-readable summary of the kind of problem.' },
    status: { type: 'integer', description: 'The HTTP status code.' },
    detail: { type: 'string', description: 'What went wrong with this request.' },
    instance: { type: 'string', description: 'The request path.' },
    requestId: { type: 'string', description: 'The request id, as in the `x-request-id` response header.' },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400': 'The request is malformed or fails validation.',
  '401': 'Missing or invalid credentials (`WWW-Authenticate` says which).',
  '403': 'The credentials lack a required scope, role or principal kind.',
  '404': 'No such resource.',
  '429':
    'Rate limited: retry after `Retry-After` seconds (`RateLimit`/`RateLimit-Policy` headers describe the quota).',
  '502': 'An upstream service failed.',
  '503': 'An upstream service is unavailable (or its circuit breaker is open).',
  '504': 'An upstream service did not answer in time.',
  default: 'Any other error.',
};

/** An error response of `status`, as problem+json; `description` keeps a more specific text if given. */
export function problemResponse(status: string, description?: string): ResponseObject {
  const text = description ?? DESCRIPTIONS[status] ?? 'Error.';
  const example = problem(status === 'default' ? 500 : Number(status), text.replace(/`/g, ''), {
    instance: '/path/of/the/request',
    requestId: '4f00bf8b-8569-4e15-9705-79f3d067b472',
  });
  return {
    description: text,
    content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' }, example } },
  };
}
