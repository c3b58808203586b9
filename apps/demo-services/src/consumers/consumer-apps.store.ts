import type { ConsumerApp, ConsumerStatus } from '@concierge/shared/util-contracts';

/** What an operator may change on an app. */
export interface ConsumerAppChange {
  plan?: string;
  status?: ConsumerStatus;
  name?: string;
}

/** The registry of partner apps (in memory: a demo stand-in for a real developer-portal database). */
export class ConsumerAppStore {
  private readonly apps = new Map<string, ConsumerApp>();

  constructor(seed: readonly Omit<ConsumerApp, 'createdAt'>[]) {
    for (const app of seed)
      this.apps.set(app.id, { ...app, scopes: [...app.scopes], createdAt: new Date().toISOString() });
  }

  get(id: string): ConsumerApp | undefined {
    const app = this.apps.get(id);
    return app && { ...app, scopes: [...app.scopes] };
  }

  list(): ConsumerApp[] {
    return [...this.apps.values()].map((app) => ({ ...app, scopes: [...app.scopes] }));
  }

  /** Registers a new app; false when the id is taken. */
  create(app: Omit<ConsumerApp, 'createdAt'>): ConsumerApp | undefined {
    if (this.apps.has(app.id)) return undefined;
    this.apps.set(app.id, { ...app, scopes: [...app.scopes], createdAt: new Date().toISOString() });
    return this.get(app.id);
  }

  update(id: string, change: ConsumerAppChange): ConsumerApp | undefined {
    const app = this.apps.get(id);
    if (!app) return undefined;
    Object.assign(app, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
    return this.get(id);
  }
}
