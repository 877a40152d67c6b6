// The bench's in-memory catalog: the same track rows for our server's memory data layer and
// for the Fastify reference, serialised by the same serializer and paged by the same
// paginator, so both serve byte-identical bodies and only the HTTP path differs.
import type { Paging } from '../../server/http/pagination.js';
import { serializeTrackPublic } from '../../server/domains/catalog/serializers.js';

type TrackRow = Parameters<typeof serializeTrackPublic>[0];

const WORDS = ['Midnight', 'Drift', 'Velvet', 'Echo', 'Neon', 'Harbor', 'Static', 'Bloom', 'Ember', 'Tide', 'Orbit', 'Saffron'];

export const TRACKS: TrackRow[] = Array.from({ length: 240 }, (_, i) => {
  const id = i + 1;
  return {
    id,
    name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${id}`,
    image: id % 5 === 0 ? null : `https://open.beatpass.ca/storage/track_image_media/${id}.jpg`,
    createdAt: new Date(Date.UTC(2025, 0, 1) + id * 3_600_000),
    durationMs: 90_000 + ((id * 7919) % 150_000),
  } as TrackRow;
});

export function listBody(page: Paging) {
  const rows = TRACKS.slice(page.offset, page.offset + page.perPage);
  return { status: 'success' as const, pagination: page.lengthAware(rows.map(serializeTrackPublic), TRACKS.length, { query: undefined }) };
}

export function showBody(id: number) {
  const track = TRACKS[id - 1];
  return track ? { track: serializeTrackPublic(track), loader: 'trackPage' as const } : undefined;
}
