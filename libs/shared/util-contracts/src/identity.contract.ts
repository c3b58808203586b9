/** The scopes of docs/architecture.md's identity conventions (RFC 9068 `scope` claim, space separated). */
export const SCOPES = [
  'profile:read',
  'catalog:read',
  'orders:read',
  'orders:write',
  'devices:config',
  'devices:telemetry',
  'devices:commands',
] as const;
export type Scope = (typeof SCOPES)[number];

/** RFC 6749 §5.1 access token response of the demo identity service. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}
