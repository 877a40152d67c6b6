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
