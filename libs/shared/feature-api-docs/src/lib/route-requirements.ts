import type { CustomDecorator, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import { PrincipalKind, Public, Roles, Scopes } from '@concierge/shared/feature-auth';
import { SkipRateLimit } from '@concierge/shared/feature-rate-limit';

/** What a controller route asks of its caller and how it is limited, as the docs describe it. */
export interface RouteRequirement {
  /** Opted out of authentication (`@Public()`). */
  public: boolean;
  /** Every scope the route needs (controller's and handler's). */
  scopes: string[];
  /** Roles: one of them is needed. */
  roles: string[];
  /** `user`, `device` or `any`. */
  principal: string;
  /** Exempt from rate limits (`@SkipRateLimit()`): gateway plumbing such as health probes. */
  unlimited: boolean;
}

/**
 * The metadata key a decorator writes: Nest's `SetMetadata` decorators carry it as `KEY`, so the docs read
 * exactly what the auth guard and the rate limiter read, without the libraries exporting their keys.
 */
const keyOf = (decorator: MethodDecorator & ClassDecorator): string =>
  (decorator as unknown as CustomDecorator).KEY;

const KEYS = {
  public: keyOf(Public()),
  scopes: keyOf(Scopes()),
  roles: keyOf(Roles()),
  principal: keyOf(PrincipalKind('any')),
  unlimited: keyOf(SkipRateLimit()),
};

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const read = <T>(key: string, target: Function): T | undefined =>
  Reflect.getMetadata(key, target) as T | undefined;

/**
 * The requirement of every route handler of `controllers`, keyed by the operation id the document uses
 * (`<Controller>_<method>`).
 */
export function routeRequirementsOf(controllers: readonly Type[]): Map<string, RouteRequirement> {
  const scanner = new MetadataScanner();
  const requirements = new Map<string, RouteRequirement>();
  for (const controller of controllers) {
    for (const method of scanner.getAllMethodNames(controller.prototype)) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
      const handler = (controller.prototype as Record<string, Function>)[method];
      if (typeof handler !== 'function' || read(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, controller];
      requirements.set(`${controller.name}_${method}`, {
        public: targets.some((target) => read<boolean>(KEYS.public, target) === true),
        scopes: [...new Set(targets.flatMap((target) => read<string[]>(KEYS.scopes, target) ?? []))],
        roles: [...new Set(targets.flatMap((target) => read<string[]>(KEYS.roles, target) ?? []))],
        principal: targets.map((target) => read<string>(KEYS.principal, target)).find(Boolean) ?? 'any',
        unlimited: targets.some((target) => read<boolean>(KEYS.unlimited, target) === true),
      });
    }
  }
  return requirements;
}
