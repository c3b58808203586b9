import { spawnApp, type SpawnedApp } from '@concierge/shared/util-testing';

/** No upstream is called: the port of nothing, so a stray call fails at once instead of reaching anyone. */
export const NOWHERE = 'http://127.0.0.1:1';

/**
 * The built web gateway on its own: the token issuer and every service it declares at {@link NOWHERE},
 * quiet logs, and `env` on top; `onStdoutLine` gets its log lines. For suites about the gateway's own
 * behaviour (framing, shutdown, bodies), where no answer may come from behind it.
 */
export function spawnWebBffAlone(
  env: Record<string, string> = {},
  onStdoutLine?: (line: string) => void,
): Promise<SpawnedApp> {
  return spawnApp(
    'web-bff',
    {
      LOG_LEVEL: 'warn',
      ACCESS_LOG: 'false',
      IDENTITY_URL: NOWHERE,
      USERS_SERVICE_URL: NOWHERE,
      CATALOG_SERVICE_URL: NOWHERE,
      ORDERS_SERVICE_URL: NOWHERE,
      ...env,
    },
    { timeoutMs: 30_000, onStdoutLine },
  );
}
