import type { Product, UserProfile } from '@concierge/shared/util-contracts';
import { SeededRandom } from './prng';

const RECOMMENDATIONS_PER_USER = 24;

/** Per user, a ranked list that leans to the user's favourite categories, like a real recommender's output. */
export function seedRecommendations(
  seed: number,
  users: UserProfile[],
  products: Product[],
): Map<string, string[]> {
  const rng = new SeededRandom(seed, 'recommendations');
  const out = new Map<string, string[]>();
  for (const user of users) {
    const favourites = new Set(user.preferences.favouriteCategories);
    const liked = products.filter((p) => favourites.has(p.category));
    const others = products.filter((p) => !favourites.has(p.category));
    const picks = [...rng.sample(liked, 16), ...rng.sample(others, RECOMMENDATIONS_PER_USER)];
    out.set(
      user.id,
      picks.slice(0, RECOMMENDATIONS_PER_USER).map((p) => p.id),
    );
  }
  return out;
}
