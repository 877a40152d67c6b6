// The Collections tag: personal, ordered sets of tracks. Visibility follows playlists: a
// collection the caller may not read (someone else's, not featured) is `404`, one they may
// read but not change (someone else's featured one) is `403`.
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, invalidField, notFound } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { loadTrackDetails } from '../catalog/repository.js';
import { serializeTrack } from '../catalog/serializers.js';
import {
  canRead,
  collectionTrackRows,
  countPlay,
  createCollection,
  deleteCollection,
  findCollection,
  listFeatured,
  listOwn,
  listRecommended,
  listVisible,
  loadDetails,
  updateCollection,
  type CollectionRow,
  type Listed,
} from './repository.js';
import { serializeCollection } from './serializers.js';

const OWNER_ONLY = 'Only the owner of this collection can do this.';
const NAME_REQUIRED = 'The name field is required.';

function unknownTracks(indexes: number[]) {
  return invalid(Object.fromEntries(indexes.map((i) => [`track_ids.${i}`, [`The selected track_ids.${i} is invalid.`]])));
}

/**
 * Laravel trims strings and turns empty ones into null before validating; a name of only
 * spaces is therefore missing, and an empty description null.
 */
const trimmedOrNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function createCollectionHandlers(db: Db): TagHandlers<'Collections'> {
  const one = async (collection: CollectionRow) => serializeCollection((await loadDetails(db, [collection]))[0]!);
  const listed = async ({ rows }: Listed) => (await loadDetails(db, rows)).map(serializeCollection);

  /** The collection if the caller may read it. */
  const readable = async (id: number, viewerId: number) => {
    const collection = await findCollection(db, id);
    return collection && canRead(collection, viewerId) ? collection : undefined;
  };

  return {
    async listCollections({ page, auth }) {
      const found = await listVisible(db, auth.user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await listed(found), found.total) } };
    },

    async listFeaturedCollections({ page }) {
      const found = await listFeatured(db, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await listed(found), found.total) } };
    },

    async listUserCollections({ page, auth }) {
      const found = await listOwn(db, auth.user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await listed(found), found.total) } };
    },

    async listRecommendedCollections({ page, auth }) {
      const found = await listRecommended(db, auth.user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await listed(found), found.total) } };
    },

    async createCollection({ body, auth }) {
      const name = trimmedOrNull(body.name);
      if (name === null) return invalidField('name', NAME_REQUIRED);
      const written = await createCollection(db, auth.user.id, { name, description: trimmedOrNull(body.description), trackIds: body.track_ids });
      if ('missing' in written) return unknownTracks(written.missing);
      return { status: 201, body: { status: 'success', collection: await one(written.collection) } };
    },

    async getCollection({ params, auth }) {
      const collection = await readable(params.collection_id, auth.user.id);
      if (!collection) return notFound('Collection');
      return { status: 200, body: { status: 'success', collection: await one(collection) } };
    },

    async updateCollection({ params, body, auth }) {
      const collection = await readable(params.collection_id, auth.user.id);
      if (!collection) return notFound('Collection');
      if (collection.userId !== auth.user.id) return forbidden(OWNER_ONLY);
      let name: string | undefined;
      if (body.name !== undefined) {
        const trimmed = trimmedOrNull(body.name);
        if (trimmed === null) return invalidField('name', NAME_REQUIRED);
        name = trimmed;
      }
      // BeatPass filters null out of the update, so `description: null` (or an empty one, which
      // Laravel turns into null) keeps the current description rather than clearing it.
      const description = trimmedOrNull(body.description) ?? undefined;
      const written = await updateCollection(db, collection.id, { name, description, trackIds: body.track_ids });
      if (!written) return notFound('Collection');
      if ('missing' in written) return unknownTracks(written.missing);
      return { status: 200, body: { status: 'success', collection: await one(written.collection) } };
    },

    async deleteCollection({ params, auth }) {
      const collection = await readable(params.collection_id, auth.user.id);
      if (!collection) return notFound('Collection');
      if (collection.userId !== auth.user.id) return forbidden(OWNER_ONLY);
      if (!(await deleteCollection(db, collection.id))) return notFound('Collection');
      return { status: 200, body: { status: 'success' } };
    },

    async playCollection({ params, auth }) {
      const viewer = auth.user;
      if (!(await readable(params.collection_id, viewer.id))) return notFound('Collection');
      const played = await countPlay(db, params.collection_id);
      if (!played) return notFound('Collection');
      const rows = await collectionTrackRows(db, played.id);
      const tracks = (await loadTrackDetails(db, rows, viewer.id)).map(serializeTrack);
      return { status: 200, body: { status: 'success', collection: await one(played), tracks } };
    },
  };
}
