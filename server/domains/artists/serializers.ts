// The rich artist of lists (`ArtistSummary`), achievements and collaboration recommendations,
// each in both access tiers; the anonymous and full-profile artist forms live with the catalog
// serializers.
import type { components } from '../../../generated/api.js';
import { serializeArtistPublic } from '../catalog/serializers.js';
import type { ArtistAchievements } from './achievements.js';
import type { Candidate } from './recommendations.js';
import type { ArtistSummary } from './repository.js';

export function serializeArtistSummary({ artist, followersCount, plays, following }: ArtistSummary): components['schemas']['ArtistSummary'] {
  return {
    ...serializeArtistPublic(artist),
    image_small: artist.imageSmall,
    verified: artist.verified,
    bio: artist.bio,
    website: artist.website,
    followers_count: followersCount,
    plays,
    is_following: following,
    created_at: artist.createdAt.toISOString(),
  };
}

type Schemas = components['schemas'];

export function serializeAchievements(artistId: number, { achievements, xp }: ArtistAchievements): Schemas['ProducerAchievements'] {
  return {
    artist_id: artistId,
    unlocked_count: achievements.filter((a) => a.unlocked).length,
    total_count: achievements.length,
    xp: {
      total: xp.total,
      level: xp.level,
      title: xp.title,
      level_xp: xp.levelXp,
      next_level_xp: xp.nextLevelXp,
      sources: {
        uploads: xp.sources.uploads,
        plays: xp.sources.plays,
        complete_metadata: xp.sources.completeMetadata,
        collaborations: xp.sources.collaborations,
        achievements: xp.sources.achievements,
      },
    },
    achievements: achievements.map(({ id, name, description, metric, rarity, xp: worth, threshold, current, progress, unlocked }) => ({
      id,
      name,
      description,
      metric,
      rarity,
      xp: worth,
      threshold,
      current,
      progress,
      unlocked,
    })),
  };
}

/** Badges only: the counts, progress and XP totals behind them are for signed-in callers. */
export function serializeAchievementsPublic(artistId: number, { achievements }: ArtistAchievements): Schemas['ProducerAchievementsPublic'] {
  return {
    artist_id: artistId,
    unlocked_count: achievements.filter((a) => a.unlocked).length,
    total_count: achievements.length,
    achievements: achievements.map(({ id, name, description, rarity, xp, unlocked }) => ({ id, name, description, rarity, xp, unlocked })),
  };
}

export function serializeRecommendation({ artist, trackCount, commonGenres, score }: Candidate): Schemas['CollaborationRecommendation'] {
  return {
    id: artist.id,
    name: artist.name,
    avatar: artist.imageSmall,
    verified: artist.verified,
    track_count: trackCount,
    common_genres: commonGenres,
    similarity_score: score,
  };
}

export function serializeRecommendationPublic({ artist, commonGenres, score }: Candidate): Schemas['CollaborationRecommendationPublic'] {
  return { id: artist.id, name: artist.name, common_genres: commonGenres, similarity_score: score };
}
