import { Type, type TString } from '@sinclair/typebox';
import { serviceUrlVariable, type ServiceUrlVariable } from '@concierge/shared/util-http';
import type { ServiceDeclarations } from './service-declarations';

const URL_PATTERN = '^https?://[^\\s/$.?#][^\\s]*$';

/** The environment properties of a declaration: one `<NAME>_SERVICE_URL` per declared service. */
export type ServiceUrlProperties<S extends ServiceDeclarations> = {
  [N in keyof S & string as ServiceUrlVariable<N>]: TString;
};

/**
 * The `<NAME>_SERVICE_URL` variables of a gateway's declared services, for its environment schema
 * (`extendEnvironment({ ...serviceUrlEnvironment(services) })`): an http(s) URL, defaulting to the
 * declaration's `defaultUrl` (required when it has none).
 */
export function serviceUrlEnvironment<S extends ServiceDeclarations>(services: S): ServiceUrlProperties<S> {
  const properties: Record<string, TString> = {};
  for (const [name, declaration] of Object.entries(services)) {
    const fallback = declaration.defaultUrl === undefined ? {} : { default: declaration.defaultUrl };
    properties[serviceUrlVariable(name)] = Type.String({ pattern: URL_PATTERN, ...fallback });
  }
  return properties as ServiceUrlProperties<S>;
}

/** Each declared service's base URL, read from a validated environment. */
export function serviceUrlsFrom(
  services: ServiceDeclarations,
  env: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of Object.keys(services)) {
    const url = env[serviceUrlVariable(name)];
    if (typeof url !== 'string')
      throw new Error(
        `${serviceUrlVariable(name)} is not in the validated environment (add serviceUrlEnvironment to the app's schema)`,
      );
    urls[name] = url;
  }
  return urls;
}
