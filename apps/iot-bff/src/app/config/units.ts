import type { Units } from './device-config.view';

// The countries that have not adopted the metric system for everyday use.
const IMPERIAL_COUNTRIES = new Set(['US', 'LR', 'MM']);

/** The everyday measurement system of an ISO 3166-1 alpha-2 country. */
export function unitsOf(country: string): Units {
  return IMPERIAL_COUNTRIES.has(country.toUpperCase()) ? 'imperial' : 'metric';
}
