/** Whether a partner app may call the partner API: a suspended app is refused with 403. */
export type ConsumerStatus = 'active' | 'suspended';

/**
 * A third-party (partner) app as the consumers service holds it. Its `id` is also its OAuth client id at
 * the identity service, so a client-credentials token and an API key name the same consumer.
 */
export interface ConsumerApp {
  id: string;
  name: string;
  /** A plan the partner gateway declares in its own configuration (`free`, `standard`...). */
  plan: string;
  status: ConsumerStatus;
  scopes: string[];
  createdAt: string;
}

/** An API key of an app, as listed: never its secret. */
export interface ConsumerKeyInfo {
  keyId: string;
  appId: string;
  createdAt: string;
  /** Set once revoked; a revoked key never verifies again. */
  revokedAt: string | null;
}

/** `POST /apps/:id/keys` and `.../rotate`: the only time the plaintext key (`ck_<keyId>.<secret>`) is seen. */
export interface IssuedConsumerKey extends ConsumerKeyInfo {
  key: string;
}

/**
 * `POST /consumer-keys/verify` with `{ key }`: whose key it is, if it is a live key. The app's status and
 * plan come with it, so a gateway needs one call to authenticate and to know what the caller may do.
 */
export interface ConsumerKeyVerification {
  valid: boolean;
  keyId?: string;
  app?: ConsumerApp;
}
