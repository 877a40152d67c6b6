import type { components } from '../../../generated/api.js';
import type { DeveloperTokenRow } from './repository.js';

export function serializeDeveloperToken(token: DeveloperTokenRow): components['schemas']['DeveloperToken'] {
  return {
    id: token.id,
    name: token.name,
    created_at: token.createdAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    expires_at: token.expiresAt.toISOString(),
  };
}
