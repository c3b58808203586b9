/**
 * The environment variable a gateway reads a named service's base URL from: `wish-list` →
 * `WISH_LIST_SERVICE_URL`. One convention for the validated environment, `npm start`, the test helpers
 * and the manifests, so none of them keeps its own list.
 */
export function serviceUrlVariable<N extends string>(name: N): ServiceUrlVariable<N> {
  return `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_SERVICE_URL` as ServiceUrlVariable<N>;
}

/** The type of {@link serviceUrlVariable}'s result for a literal service name (`'users'` → `'USERS_SERVICE_URL'`). */
export type ServiceUrlVariable<N extends string> = `${Uppercase<N>}_SERVICE_URL`;
