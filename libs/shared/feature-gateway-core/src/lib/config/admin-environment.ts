import { Type } from '@sinclair/typebox';
import { portVariable } from './env-types';

/**
 * The admin listener's variables: where operators (and Prometheus) reach `/metrics`, `/health/upstreams`
 * and `/admin/*`, never the client port. Loopback by default; anything wider needs a bearer token.
 */
export const adminEnvironment = {
  /** Default: the client port + 6000 (3000 → 9000), or an ephemeral port when PORT is 0. */
  ADMIN_PORT: Type.Optional(portVariable()),
  ADMIN_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  // `writeOnly`: a bad value is named, never echoed.
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16, writeOnly: true })),
};

/** The admin listener's settings once defaults are derived. */
export interface AdminEnvironment {
  ADMIN_PORT: number;
  ADMIN_HOST: string;
  ADMIN_TOKEN?: string;
}

const ADMIN_PORT_OFFSET = 6000;

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(bare) ||
    bare === '::ffff:127.0.0.1'
  );
}

/**
 * Fills in `ADMIN_PORT` and checks what no single variable's schema can: the derived port exists, and an
 * admin listener reachable from other machines has a token. Returns the problems found (empty when none).
 */
export function deriveAdminDefaults(env: Partial<AdminEnvironment> & { PORT: number }): {
  admin: AdminEnvironment;
  problems: string[];
} {
  const problems: string[] = [];
  const port = env.ADMIN_PORT ?? (env.PORT === 0 ? 0 : env.PORT + ADMIN_PORT_OFFSET);
  if (port > 65535)
    problems.push(`ADMIN_PORT must be set: its default PORT + ${ADMIN_PORT_OFFSET} (${port}) is not a port`);
  if (port !== 0 && port === env.PORT) problems.push(`ADMIN_PORT must differ from PORT (both ${port})`);
  const host = env.ADMIN_HOST ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !env.ADMIN_TOKEN) {
    problems.push(
      `ADMIN_TOKEN is required when ADMIN_HOST (${host}) is not a loopback address: operators' endpoints would answer anyone`,
    );
  }
  if (env.ADMIN_TOKEN && /^replace-with/i.test(env.ADMIN_TOKEN)) {
    problems.push('ADMIN_TOKEN is still the placeholder the manifests ship with: set a secret of your own');
  }
  return { admin: { ADMIN_PORT: port, ADMIN_HOST: host, ADMIN_TOKEN: env.ADMIN_TOKEN }, problems };
}
