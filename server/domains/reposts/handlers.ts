// Reposts: the toggle (as the caller only: there is no way to name another reposter) and a
// user's reposts list. A repost of one's own work (owned, or crediting an artist one
// manages) is refused, the same test as for editing it (catalog/permissions).
import type { TagHandlers } from '../../contract/handlers.js';
import { invalidField, retryLater } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { editableAlbumIds, editableTrackIds } from '../catalog/permissions.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';
import { namedUser } from '../users/user-param.js';
import {
  albumsByIds,
  findAlbumRow,
  findTrackRow,
  listUserReposts,
  REPOSTS_PER_DAY,
  REPOSTS_PER_HOUR,
  toggleRepost,
  tracksByIds,
  type RepostRow,
} from './repository.js';
import { serializeRepost, type Repostable } from './serializers.js';

const LIMIT_MESSAGE = `Repost limit reached. You can repost at most ${REPOSTS_PER_HOUR} times an hour and ${REPOSTS_PER_DAY} times a day.`;

type Viewer = { id: number } | null;

/** The reposted items of `reposts` at the viewer's tier, keyed `type:id`; deleted ones are absent. */
async function repostablesOf(db: Db, reposts: RepostRow[], viewer: Viewer): Promise<Map<string, Repostable>> {
  const ids = (type: RepostRow['type']) => [...new Set(reposts.filter((r) => r.type === type).map((r) => r.id))];
  const [trackRows, albumRows] = await Promise.all([tracksByIds(db, ids('track')), albumsByIds(db, ids('album'))]);
  const [trackItems, albumItems] = await Promise.all([tracksAtTier(db, trackRows, viewer), albumsAtTier(db, albumRows, viewer)]);
  const byKey = new Map<string, Repostable>();
  for (const [i, item] of trackItems.entries()) byKey.set(`track:${trackRows[i]!.id}`, item);
  for (const [i, item] of albumItems.entries()) byKey.set(`album:${albumRows[i]!.id}`, item);
  return byKey;
}

export function createRepostHandlers(db: Db): TagHandlers<'Reposts'> {
  return {
    async toggleRepost({ body, auth }) {
      const user = auth.user;
      const { repostable_type: type, repostable_id: id } = body;
      const exists = type === 'track' ? await findTrackRow(db, id) : await findAlbumRow(db, id);
      if (!exists) return invalidField('repostable_id', 'The selected repostable id is invalid.');
      const own = type === 'track' ? await editableTrackIds(db, user.id, [id]) : await editableAlbumIds(db, user.id, [id]);
      if (own.size > 0) return { status: 400, body: { message: `You cannot repost your own ${type}.` } };

      const outcome = await toggleRepost(db, user.id, type, id);
      if (outcome.action === 'limit') return retryLater('repost_limit_reached', LIMIT_MESSAGE, outcome.retryAfter);
      if (outcome.action === 'removed') return { status: 200, body: { status: 'success', action: 'removed' } };
      const items = await repostablesOf(db, [outcome.repost], user);
      const repostable = items.get(`${type}:${id}`);
      // Deleted between the toggle and this read: the repost went with it.
      if (!repostable) return invalidField('repostable_id', 'The selected repostable id is invalid.');
      return { status: 200, body: { status: 'success', action: 'added', repost: serializeRepost(outcome.repost, repostable) } };
    },

    async listUserReposts({ params, page, auth }) {
      const named = await namedUser(db, params.user_id, auth.user);
      if (named.refusal) return named.refusal;
      const { user } = named;
      const reposts = page.simple(await listUserReposts(db, user.id, page));
      const items = await repostablesOf(db, reposts.data, auth.user);
      // An item deleted between the two reads cascades its repost away: it is skipped.
      const data = reposts.data.flatMap((r) => {
        const item = items.get(`${r.type}:${r.id}`);
        return item ? [serializeRepost(r, item)] : [];
      });
      return { status: 200, body: { status: 'success', pagination: { ...reposts, data } } };
    },
  };
}
