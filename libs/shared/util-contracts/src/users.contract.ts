export interface UserPreferences {
  language: string;
  currency: string;
  newsletter: boolean;
  theme: 'light' | 'dark' | 'system';
  favouriteCategories: string[];
}

export interface UserAddress {
  line1: string;
  city: string;
  postcode: string;
  country: string;
}

/** `GET /users/:id` on the users service. */
export interface UserProfile {
  id: string;
  username: string;
  displayName: string;
  email: string;
  avatarUrl: string;
  memberSince: string;
  tier: 'standard' | 'silver' | 'gold';
  address: UserAddress;
  preferences: UserPreferences;
}
