import { randomBytes } from 'node:crypto';

/** One sign-in at the identity service: the `sid` of its ID tokens, and the clients that got tokens in it. */
export interface IdpSession {
  sid: string;
  subject: string;
  authTime: number;
  clients: Set<string>;
}

/** The identity service's sign-in sessions, kept in process; ended by sign-out or by an operator. */
export class IdpSessionStore {
  private readonly sessions = new Map<string, IdpSession>();

  constructor(private readonly maxSessions = 100_000) {}

  start(subject: string, authTime: number): IdpSession {
    if (this.sessions.size >= this.maxSessions)
      this.sessions.delete(this.sessions.keys().next().value as string);
    const session: IdpSession = {
      sid: randomBytes(16).toString('base64url'),
      subject,
      authTime,
      clients: new Set(),
    };
    this.sessions.set(session.sid, session);
    return session;
  }

  get(sid: string): IdpSession | undefined {
    return this.sessions.get(sid);
  }

  /** Removes and returns the sessions that match: one `sid`, or every session of a `subject`. */
  end(match: { sid?: string; subject?: string }): IdpSession[] {
    const ended = [...this.sessions.values()].filter((s) =>
      match.sid ? s.sid === match.sid : s.subject === match.subject,
    );
    for (const s of ended) this.sessions.delete(s.sid);
    return ended;
  }
}
