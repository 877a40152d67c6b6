import type { components } from '../../../generated/api.js';
import type { UserRow } from './repository.js';

type User = components['schemas']['User'];

export const isoDate = (date: Date): string => date.toISOString();

/** Email, two-factor state and developer access are only shown to the account's owner. */
export function serializeUser(user: UserRow, self: boolean): User {
  const base: User = {
    id: user.id,
    display_name: user.displayName,
    username: user.username,
    avatar: user.avatar,
    model_type: 'user',
    created_at: isoDate(user.createdAt),
  };
  if (!self) return base;
  return {
    ...base,
    email: user.email,
    two_factor_enabled: user.twoFactorSecret !== null,
    developer_access: user.developerAccess,
  };
}

/** The caller's own account with its settings: `GET /users/me` and the profile update. */
export function serializeAccount(user: UserRow): User {
  return {
    ...serializeUser(user, true),
    first_name: user.firstName,
    last_name: user.lastName,
    language: user.language,
    country: user.country,
    timezone: user.timezone,
  };
}
