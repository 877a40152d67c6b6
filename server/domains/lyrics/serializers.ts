import type { components } from '../../../generated/api.js';
import { serializeTrackPublic } from '../catalog/serializers.js';
import type { tracks } from '../../db/schema.js';
import type { LyricRow } from './repository.js';

export function serializeLyric(lyric: LyricRow, track: typeof tracks.$inferSelect): components['schemas']['Lyric'] {
  return {
    id: lyric.id,
    track_id: lyric.trackId,
    text: lyric.text,
    synced: lyric.synced,
    model_type: 'lyric',
    created_at: lyric.createdAt.toISOString(),
    updated_at: lyric.updatedAt.toISOString(),
    track: serializeTrackPublic(track),
  };
}
