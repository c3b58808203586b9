import type { Scope } from '@concierge/shared/util-contracts';
import {
  hashPassword,
  matchesSha256,
  sha256,
  verifyPassword,
  type PasswordHash,
} from '../common/secret-hash';
import type { DemoClient, DemoUser } from './demo-credentials';

/** Who a token is issued to, once the credentials checked out. */
export interface Principal {
  subject: string;
  scopes: Scope[];
  roles: string[];
  clientId?: string;
  deviceId?: string;
}

interface UserRecord {
  principal: Principal;
  password: PasswordHash;
}

interface ClientRecord {
  principal: Principal;
  secretHash: Buffer;
}

/** Users and clients known to the identity service, kept as hashes only. */
export class CredentialStore {
  private constructor(
    private readonly users: Map<string, UserRecord>,
    private readonly clients: Map<string, ClientRecord>,
    // Checked against when a username is unknown, so a miss costs the same time as a wrong password.
    private readonly decoy: PasswordHash,
  ) {}

  static async create(users: readonly DemoUser[], clients: readonly DemoClient[]): Promise<CredentialStore> {
    const userRecords = await Promise.all(
      users.map(async (u): Promise<[string, UserRecord]> => [
        u.username,
        {
          principal: { subject: u.userId, scopes: [...u.scopes], roles: [...u.roles] },
          password: await hashPassword(u.password),
        },
      ]),
    );
    const clientRecords = clients.map((c): [string, ClientRecord] => [
      c.clientId,
      {
        principal: {
          subject: c.deviceId ?? c.clientId,
          scopes: [...c.scopes],
          roles: [...c.roles],
          clientId: c.clientId,
          ...(c.deviceId ? { deviceId: c.deviceId } : {}),
        },
        secretHash: sha256(c.secret),
      },
    ]);
    return new CredentialStore(new Map(userRecords), new Map(clientRecords), await hashPassword('decoy'));
  }

  async authenticateUser(username: string, password: string): Promise<Principal | null> {
    const record = this.users.get(username);
    const ok = await verifyPassword(password, record?.password ?? this.decoy);
    return ok && record ? record.principal : null;
  }

  authenticateClient(clientId: string, secret: string): Principal | null {
    const record = this.clients.get(clientId);
    const ok = matchesSha256(secret, record?.secretHash ?? sha256(`\0unknown:${clientId}`));
    return ok && record ? record.principal : null;
  }
}
