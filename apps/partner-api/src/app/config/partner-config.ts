import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import {
  parseRateLimitPolicies,
  type QuotaPolicy,
  type RateLimitPolicy,
} from '@concierge/shared/feature-rate-limit';
import { DEFAULT_PARTNER_CONFIG } from './partner.config';
import { partnerConfigSchema, type PartnerConfigDocument } from './partner-config.schema';

/** A plan as enforced: the short-window policy (named `burst`) and the calendar quota (`daily` / `monthly`). */
export interface Plan {
  name: string;
  rate: RateLimitPolicy;
  quota: QuotaPolicy;
}

/** The headers an operation marked deprecated carries. */
export interface Deprecation {
  /** RFC 9745: `@<unix seconds>`. */
  deprecation: string;
  /** RFC 8594: an HTTP date. */
  sunset?: string;
  link?: string;
}

/** The partner API's configuration, validated and compiled once at start-up. */
export interface PartnerConfig {
  plans: ReadonlyMap<string, Plan>;
  /** By `METHOD /v1/route/:param`. */
  deprecations: ReadonlyMap<string, Deprecation>;
}

/** The configuration file cannot be used; the message names the file and the entry. */
export class InvalidPartnerConfigError extends Error {
  override readonly name = 'InvalidPartnerConfigError';
}

const ajv = addFormats(new Ajv({ allErrors: true }));
const validate = ajv.compile(partnerConfigSchema);

/** Reads `file` (YAML or JSON) or, without one, the built-in document; validates and compiles it. */
export function loadPartnerConfig(file?: string): PartnerConfig {
  const source = file ?? 'the built-in partner.config.ts';
  let document: unknown = DEFAULT_PARTNER_CONFIG;
  if (file) {
    try {
      document = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new InvalidPartnerConfigError(`PARTNER_CONFIG_FILE ${file}: ${(err as Error).message}`);
    }
  }
  if (!validate(document)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new InvalidPartnerConfigError(`${source}: ${errors}`);
  }
  return compile(document, source);
}

function compile(document: PartnerConfigDocument, source: string): PartnerConfig {
  const plans = new Map<string, Plan>();
  for (const [name, plan] of Object.entries(document.plans)) {
    let rate: RateLimitPolicy[];
    try {
      rate = parseRateLimitPolicies(plan.rate);
    } catch (err) {
      throw new InvalidPartnerConfigError(`${source}: /plans/${name}/rate ${(err as Error).message}`);
    }
    if (rate.length !== 1)
      throw new InvalidPartnerConfigError(
        `${source}: /plans/${name}/rate must be one policy, e.g. 5/1s,burst=10`,
      );
    const [limit, period] = plan.quota.split('/').map((s) => s.trim()) as [string, 'day' | 'month'];
    plans.set(name, {
      name,
      rate: { ...rate[0], name: 'burst' },
      quota: { name: period === 'day' ? 'daily' : 'monthly', limit: Number(limit), period },
    });
  }
  const deprecations = new Map<string, Deprecation>();
  for (const [operation, entry] of Object.entries(document.deprecations ?? {})) {
    deprecations.set(operation, {
      deprecation: `@${Math.floor(Date.parse(entry.deprecation) / 1000)}`,
      ...(entry.sunset ? { sunset: new Date(entry.sunset).toUTCString() } : {}),
      ...(entry.link ? { link: entry.link } : {}),
    });
  }
  return { plans, deprecations };
}
