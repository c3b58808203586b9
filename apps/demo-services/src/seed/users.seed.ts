import type { UserProfile } from '@concierge/shared/util-contracts';
import { CATEGORIES } from './catalog.words';
import { FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from './people.words';
import { SeededRandom } from './prng';
import { DAY_MS, SEED_EPOCH_MS } from './seed.constants';

/** The demo identities the README lists; their ids never change. */
export const FIXED_USERS = [
  { id: 'u-1000', username: 'admin', displayName: 'Ada Admin' },
  { id: 'u-1001', username: 'alice', displayName: 'Alice Liddell' },
  { id: 'u-1002', username: 'bob', displayName: 'Bob Builder' },
] as const;

const SEEDED_USER_COUNT = 32;

const TIERS: UserProfile['tier'][] = ['standard', 'standard', 'silver', 'gold'];
const THEMES: UserProfile['preferences']['theme'][] = ['light', 'dark', 'system'];

function profile(rng: SeededRandom, id: string, username: string, displayName: string): UserProfile {
  const place = rng.pick(PLACES);
  return {
    id,
    username,
    displayName,
    email: `${username}@example.com`,
    avatarUrl: `https://cdn.example.com/avatars/${id}.png`,
    memberSince: new Date(SEED_EPOCH_MS - rng.int(60, 2000) * DAY_MS).toISOString(),
    tier: rng.pick(TIERS),
    address: {
      line1: `${rng.int(1, 240)} ${rng.pick(STREETS)}`,
      city: place.city,
      postcode: String(rng.int(10000, 99999)),
      country: place.country,
    },
    preferences: {
      language: place.language,
      currency: place.currency,
      newsletter: rng.chance(0.4),
      theme: rng.pick(THEMES),
      favouriteCategories: rng.sample(
        CATEGORIES.map((c) => c.id),
        rng.int(1, 3),
      ),
    },
  };
}

/** The three demo identities followed by the seeded customers u-1003 onwards. */
export function seedUsers(seed: number): UserProfile[] {
  const rng = new SeededRandom(seed, 'users');
  const users = FIXED_USERS.map((u) => profile(rng, u.id, u.username, u.displayName));
  const taken = new Set<string>(users.map((u) => u.username));
  for (let i = 0; i < SEEDED_USER_COUNT; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    let last = rng.pick(LAST_NAMES);
    while (taken.has(`${first}.${last}`.toLowerCase())) last = rng.pick(LAST_NAMES);
    const username = `${first}.${last}`.toLowerCase();
    taken.add(username);
    users.push(profile(rng, `u-${1003 + i}`, username, `${first} ${last}`));
  }
  return users;
}
