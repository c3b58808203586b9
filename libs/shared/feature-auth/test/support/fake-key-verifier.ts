/**
 * Stands in for a service's key-verify endpoint (the devices service's `POST /device-keys/verify`, the
 * consumers service's `POST /consumer-keys/verify`): the keys it knows, a count of calls, revocations and
 * a switch that makes it unreachable.
 */
export class FakeKeyVerifier<V extends { valid: boolean }> {
  calls = 0;
  down = false;
  readonly revoked = new Set<string>();

  constructor(private readonly known: Record<string, Omit<V, 'valid'>>) {}

  readonly verify = async (key: string): Promise<V> => {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED');
    const found = Object.hasOwn(this.known, key) ? this.known[key] : undefined;
    return (found && !this.revoked.has(key) ? { valid: true, ...found } : { valid: false }) as V;
  };
}
