import type { PartnerConfigDocument } from './partner-config.schema';

/**
 * The partner API's plans and deprecations when `PARTNER_CONFIG_FILE` names none (that file, YAML or JSON,
 * replaces this whole document). A plan has a short-window `rate` (`<n>/<window>[,burst=<n>]`, enforced
 * smoothly) and a calendar `quota` (`<n>/day` from UTC midnight, or `<n>/month` from the 1st).
 */
export const DEFAULT_PARTNER_CONFIG: PartnerConfigDocument = {
  plans: {
    free: { rate: '5/1s,burst=10', quota: '1000/day' },
    standard: { rate: '50/1s,burst=100', quota: '100000/day' },
  },
  deprecations: {
    // The availability view is superseded by `stock` on the product itself in v2 (example of the headers).
    'GET /v1/products/:id/availability': {
      deprecation: '2026-11-01T00:00:00Z',
      sunset: '2027-06-30T00:00:00Z',
      link: 'https://developer.concierge.example/changelog#v1-availability',
    },
  },
};
