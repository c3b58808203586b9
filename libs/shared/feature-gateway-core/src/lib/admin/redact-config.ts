const REDACTED = '[redacted]';

// Variables whose whole value is a secret (tokens, passwords, keys, OTLP headers that carry API keys).
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSPHRASE|CREDENTIAL|PRIVATE|_KEYS?$|^OTEL_.*HEADERS$/i;

/** `value` with a URL's password (`redis://:pw@host`) replaced; anything that is no URL as it is. */
function redactUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  // A list of URLs (`REDIS_CLUSTER_NODES`) is redacted item by item.
  return value.replace(/(\/\/[^:/@\s,]*):[^@/\s,]*@/g, `$1:${REDACTED}@`);
}

/**
 * The effective configuration as `/admin/config` shows it: every variable, with secrets replaced by
 * `[redacted]` (by name: `*_SECRET`, `*_TOKEN`, `*_PASSWORD`, `*_KEY`, OTLP headers...; and passwords
 * inside URLs) so that the page can be shared in a ticket.
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(config).sort()) {
    const value = config[name];
    if (value === undefined) continue;
    if (SECRET_NAME.test(name)) out[name] = REDACTED;
    else out[name] = typeof value === 'string' ? redactUrl(value) : value;
  }
  return out;
}
