/**
 * Test helpers for end-to-end suites: real processes from the built bundles, talked to over HTTP.
 * No NestJS here, so any suite (gateway or not) can use them.
 */
export { startDemoServices } from './demo-services.process';
export type { DemoServices, DemoServiceName } from './demo-services.process';
export { spawnApp } from './spawn-app';
export type { SpawnedApp } from './spawn-app';
export { LogLines } from './log-lines';
export { passwordToken, clientToken } from './tokens';
export { freePort } from './free-port';
export { workspaceRoot } from './workspace-root';
export { sendRaw } from './raw-http';
export type { RawOutcome, RawPayload } from './raw-http';
export { startOrigin } from './origin';
export type { Origin, OriginReply } from './origin';
export { startRedisServer, OwnRedisServer, eventually } from './redis-server';
export type { TestRedisServer } from './redis-server';
export { OwnRedisCluster } from './redis-cluster';
export { startTestRedis, TEST_REDIS_KINDS } from './test-redis';
export type { TestRedis } from './test-redis';
export { startOidcIssuer, OIDC_TEST_AUDIENCE } from './oidc-issuer';
export type { OidcIssuer } from './oidc-issuer';
