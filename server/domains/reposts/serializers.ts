// The repost record (`Repost`): who reposted what and when, with the reposted track or album
// already serialized at the caller's access tier.
import type { components } from '../../../generated/api.js';
import type { RepostRow } from './repository.js';

type Schemas = components['schemas'];
export type Repostable = Schemas['Repost']['repostable'];

export function serializeRepost(repost: RepostRow, repostable: Repostable): Schemas['Repost'] {
  return {
    repostable_type: repost.type,
    repostable_id: repost.id,
    user_id: repost.userId,
    created_at: repost.createdAt.toISOString(),
    repostable,
  };
}
