// Collections are read only by signed-in callers, so there is one (rich) form.
import type { components } from '../../../generated/api.js';
import { serializeUser } from '../users/serializers.js';
import type { CollectionDetails } from './repository.js';

type Schemas = components['schemas'];

export function serializeCollection({ collection, owner, trackIds, images }: CollectionDetails): Schemas['Collection'] {
  return {
    id: collection.id,
    name: collection.name,
    description: collection.description,
    track_ids: trackIds,
    tracks_count: trackIds.length,
    images,
    featured: collection.featured,
    plays: collection.plays,
    model_type: 'collection',
    // Emails are never shown on collections, the caller's own included, to keep one shape (as on playlists).
    owner: serializeUser(owner, false),
    created_at: collection.createdAt.toISOString(),
    updated_at: collection.updatedAt.toISOString(),
  };
}
