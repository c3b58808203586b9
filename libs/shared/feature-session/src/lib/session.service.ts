import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes } from 'node:crypto';
import { errors } from 'openid-client';
import { clearCookie, LOGIN_COOKIE, serializeCookie, SESSION_COOKIE } from './cookies';
import { ProviderUnavailableError, type LoginChecks, type RelyingParty } from './relying-party';
import { safeReturnTo } from './return-to';
import { SecretBox } from './secret-box';
import { sessionEnded, SessionError, LOGIN_PATH } from './session-errors';
import { applyTokens, type SessionRecord } from './session-record';
import type { ResolvedSessionOptions } from './session.options';
import type { SessionStore } from './session.store';

const LOGIN_COOKIE_TTL_SEC = 600;
const LOCK_POLL_MS = 50;

/** What `/bff/user` shows a browser app about its session. */
export interface SessionView {
  sub: string;
  claims: Record<string, unknown>;
  session: { expiresAt: string; idleExpiresAt: string };
  logoutUrl: string;
}

interface LoginState extends LoginChecks {
  returnTo: string;
  exp: number;
}

/** A redirect and the cookies it sets. */
export interface Redirect {
  location: string;
  cookies: string[];
}

/**
 * Browser sessions over an OpenID provider: sign-in (state, nonce, PKCE), server-side sessions with idle
 * and absolute lifetimes, the access token for each cookie-authenticated request (refreshed ahead of
 * expiry, once per session across replicas), sign-out and back-channel logout.
 */
export class SessionService {
  private readonly logger = new Logger(SessionService.name);
  private readonly loginBox: SecretBox;
  private readonly storeBox: SecretBox;
  private readonly inflight = new Map<string, Promise<SessionRecord | undefined>>();
  // When each session's idle timer was last pushed back by this replica.
  private readonly touched = new LRUCache<string, number>({ max: 100_000 });
  private readonly seenLogoutTokens = new LRUCache<string, true>({ max: 10_000, ttl: 10 * 60_000 });

  constructor(
    private readonly options: ResolvedSessionOptions,
    private readonly store: SessionStore,
    private readonly rp: RelyingParty,
    private readonly now: () => number = Date.now,
  ) {
    this.loginBox = new SecretBox(options.sessionSecret, 'login-cookie');
    this.storeBox = new SecretBox(options.sessionSecret, 'session-store');
  }

  /** `/bff/login`: the provider's authorization URL, with state, nonce and verifier in a sealed cookie. */
  async startLogin(returnTo: unknown): Promise<Redirect> {
    const { url, checks } = await this.provider(() => this.rp.authorizationRequest());
    const state: LoginState = {
      ...checks,
      returnTo: safeReturnTo(returnTo, this.options.publicOrigin),
      exp: this.now() + LOGIN_COOKIE_TTL_SEC * 1000,
    };
    const cookie = serializeCookie(LOGIN_COOKIE, this.loginBox.seal(JSON.stringify(state)), {
      sameSite: 'Lax',
      maxAgeSec: LOGIN_COOKIE_TTL_SEC,
    });
    return { location: url, cookies: [cookie] };
  }

  /**
   * `/bff/callback`: checks the answer against the sign-in cookie, redeems the code and starts a session
   * under a new id (a session id known before sign-in is never the one after: no fixation).
   */
  async finishLogin(
    callbackUrl: string,
    loginCookie: string | undefined,
    previousSessionId: string | undefined,
  ): Promise<Redirect> {
    const state = this.openLoginState(loginCookie);
    if (!state)
      throw new SessionError(
        400,
        'The sign-in expired or was started in another browser; start again.',
        LOGIN_PATH,
      );
    let tokens;
    try {
      tokens = await this.rp.redeem(callbackUrl, state);
    } catch (error) {
      if (error instanceof errors.OPError && isRefusal(error))
        throw new SessionError(
          400,
          `The identity provider refused the sign-in (${error.error}).`,
          LOGIN_PATH,
        );
      if (error instanceof errors.RPError) {
        this.logger.warn(`sign-in callback refused: ${error.message}`);
        throw new SessionError(
          400,
          'The sign-in answer did not match this sign-in (state, nonce or token checks failed).',
          LOGIN_PATH,
        );
      }
      throw this.unavailable(error);
    }
    if (previousSessionId) await this.store.delete(storageKey(previousSessionId));
    const now = this.now();
    const record = applyTokens(tokens, now, { expiresAt: now + this.options.absoluteTimeoutSec * 1000 });
    const id = randomBytes(32).toString('base64url');
    await this.save(storageKey(id), record);
    const cookie = serializeCookie(SESSION_COOKIE, id, {
      sameSite: 'Strict',
      maxAgeSec: (record.expiresAt - now) / 1000,
    });
    return { location: state.returnTo, cookies: [cookie, clearCookie(LOGIN_COOKIE, 'Lax')] };
  }

  /** `/bff/user`: the signed-in user and the session's times, or undefined without a live session. */
  async describe(id: string): Promise<SessionView | undefined> {
    const key = storageKey(id);
    const record = await this.load(key);
    if (!record) return undefined;
    await this.touch(key, record);
    const idleEnd = Math.min(
      record.expiresAt,
      (this.touched.get(key) ?? this.now()) + this.options.idleTimeoutSec * 1000,
    );
    return {
      sub: record.sub,
      claims: record.claims,
      session: {
        expiresAt: new Date(record.expiresAt).toISOString(),
        idleExpiresAt: new Date(idleEnd).toISOString(),
      },
      logoutUrl: '/bff/logout',
    };
  }

  /**
   * The access token to send upstream for this session, refreshed first when it is due (one refresh per
   * session however many requests wait for it). Undefined when there is no such session; throws 401
   * with a login hint when the provider refused the refresh (the session then ends).
   */
  async accessTokenFor(id: string): Promise<string | undefined> {
    const key = storageKey(id);
    const record = await this.load(key);
    if (!record) return undefined;
    if (this.now() < record.refreshAt) {
      await this.touch(key, record);
      return record.accessToken;
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.refreshOnce(key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const refreshed = await pending;
    if (!refreshed) throw sessionEnded();
    return refreshed.accessToken;
  }

  /** `/bff/logout`: revokes the refresh token, ends the session, and says where the provider signs out. */
  async logout(id: string | undefined): Promise<{ endSessionUrl?: string; cookies: string[] }> {
    const cookies = [clearCookie(SESSION_COOKIE)];
    if (!id) return { cookies };
    const key = storageKey(id);
    const record = await this.load(key);
    await this.store.delete(key);
    if (!record) return { cookies };
    if (record.refreshToken) {
      await this.rp
        .revoke(record.refreshToken)
        .catch((error: unknown) => this.logger.warn(`revocation failed: ${(error as Error).message}`));
    }
    const endSessionUrl = await this.rp.endSessionUrl(record.idToken).catch(() => undefined);
    return { endSessionUrl, cookies };
  }

  /** `/bff/backchannel-logout`: ends the sessions a valid logout token names; returns how many. */
  async backchannelLogout(logoutToken: string): Promise<number> {
    let claims;
    try {
      claims = await this.rp.verifyLogoutToken(logoutToken);
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw this.unavailable(error);
      throw new SessionError(400, `The logout token is not valid: ${(error as Error).message}.`);
    }
    const jti = claims.jti as string;
    if (this.seenLogoutTokens.has(jti)) throw new SessionError(400, 'The logout token was already used.');
    this.seenLogoutTokens.set(jti, true);
    const keys = await this.store.keysOf(claims.sid ? { sid: claims.sid } : { sub: claims.sub as string });
    let ended = 0;
    for (const key of keys) {
      const record = await this.load(key);
      // With both sid and sub, a session of that sid whose user differs is not the one meant.
      if (record && claims.sub && record.sub !== claims.sub) continue;
      await this.store.delete(key);
      if (record) ended++;
    }
    return ended;
  }

  /** Releases the store (Redis connection). */
  async close(): Promise<void> {
    await this.store.close();
  }

  private async refreshOnce(key: string): Promise<SessionRecord | undefined> {
    const deadline = this.now() + this.options.providerTimeoutMs * 2;
    while (this.now() < deadline) {
      if (await this.store.tryLock(key, this.options.providerTimeoutMs * 2)) {
        try {
          const latest = await this.load(key);
          if (!latest || this.now() < latest.refreshAt) return latest;
          return await this.refresh(key, latest);
        } finally {
          await this.store.unlock(key);
        }
      }
      // Another replica is refreshing this session: wait for its result rather than spend the token twice.
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      const latest = await this.load(key);
      if (!latest || this.now() < latest.refreshAt) return latest;
    }
    throw new SessionError(503, 'The session could not be refreshed in time; try again.');
  }

  private async refresh(key: string, record: SessionRecord): Promise<SessionRecord | undefined> {
    if (!record.refreshToken) {
      await this.store.delete(key);
      return undefined;
    }
    try {
      const tokens = await this.rp.refresh(record.refreshToken);
      const next = applyTokens(tokens, this.now(), { expiresAt: record.expiresAt }, record);
      await this.save(key, next);
      return next;
    } catch (error) {
      if (isRefusal(error) || error instanceof errors.RPError) {
        this.logger.log(`refresh refused, session ended: ${(error as Error).message}`);
        await this.store.delete(key);
        return undefined;
      }
      // The provider is unreachable: the current token serves while it is still valid.
      if (this.now() < record.accessExpiresAt) return record;
      throw this.unavailable(error);
    }
  }

  private async load(key: string): Promise<SessionRecord | undefined> {
    const sealed = await this.store.get(key);
    const plain = sealed ? this.storeBox.open(sealed, key) : undefined;
    if (!plain) return undefined;
    const record = JSON.parse(plain) as SessionRecord;
    return this.now() < record.expiresAt ? record : undefined;
  }

  private async save(key: string, record: SessionRecord): Promise<void> {
    await this.store.set(key, this.storeBox.seal(JSON.stringify(record), key), this.ttlOf(record), {
      sub: record.sub,
      sid: record.sid,
    });
    this.touched.set(key, this.now());
  }

  /**
   * Pushes the idle timer back (at most once per tenth of the idle timeout per replica). Only the expiry
   * moves: rewriting the record here could put back tokens a concurrent refresh has just replaced.
   */
  private async touch(key: string, record: SessionRecord): Promise<void> {
    const last = this.touched.get(key);
    if (last !== undefined && this.now() - last < (this.options.idleTimeoutSec * 1000) / 10) return;
    this.touched.set(key, this.now());
    await this.store.touch(key, this.ttlOf(record));
  }

  private ttlOf(record: SessionRecord): number {
    return Math.min(record.expiresAt - this.now(), this.options.idleTimeoutSec * 1000);
  }

  private openLoginState(cookie: string | undefined): LoginState | undefined {
    const plain = cookie ? this.loginBox.open(cookie) : undefined;
    if (!plain) return undefined;
    const state = JSON.parse(plain) as LoginState;
    return this.now() < state.exp ? state : undefined;
  }

  private async provider<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): SessionError {
    this.logger.warn(`identity provider unavailable: ${(error as Error).message}`);
    return new SessionError(503, 'The identity provider cannot be reached; try again shortly.');
  }
}

/**
 * The provider said no (RFC 6749 §5.2: a 4xx with an error code): the grant is dead. A 5xx, or an answer
 * that is not one, is the provider failing: the user's session is not at fault and must not end for it.
 */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof errors.OPError)) return false;
  const status = (error.response as { statusCode?: number } | undefined)?.statusCode;
  return status === undefined || (status >= 400 && status < 500);
}

/** Sessions are stored under a hash of their id: a copy of the store holds no usable cookie. */
function storageKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
