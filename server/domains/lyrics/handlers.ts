import type { TagHandlers } from '../../contract/handlers.js';
import { invalidField, notFound } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { findTrack } from '../catalog/repository.js';
import { parseIdList } from '../catalog/permissions.js';
import { isUniqueViolation } from '../../db/errors.js';
import { deleteOwnLyrics, findLyricForTrack, findOwnLyric, insertLyric, listLyrics, updateLyric } from './repository.js';
import { serializeLyric } from './serializers.js';

const DUPLICATE = 'You already have lyrics for this track.';
/** An LRC time tag, `[mm:ss]` or `[mm:ss.xx]`. */
const LRC_TAG = /\[\d{1,3}:\d{2}(?:[.:]\d{1,3})?\]/;

/** Blank text, or synced text without a time tag, as a 422; null when the text is fine. */
function checkText(text: string, synced: boolean) {
  if (text.trim() === '') return invalidField('text', 'The text field is required.');
  if (synced && !LRC_TAG.test(text)) return invalidField('text', 'The text field must contain LRC time tags ([mm:ss.xx]) when synced is true.');
  return null;
}

export function createLyricHandlers(db: Db): TagHandlers<'Lyrics'> {
  return {
    async listLyrics({ page, auth }) {
      const { rows, total } = await listLyrics(db, auth.user.id, page);
      const data = rows.map((r) => serializeLyric(r.lyric, r.track));
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async getTrackLyrics({ params, auth }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      const lyric = await findLyricForTrack(db, auth.user.id, track.id);
      return { status: 200, body: { status: 'success', lyric: lyric ? serializeLyric(lyric, track) : null } };
    },

    async createLyric({ body, auth }) {
      const userId = auth.user.id;
      const synced = body.synced ?? false;
      const problem = checkText(body.text, synced);
      if (problem) return problem;
      const track = await findTrack(db, body.track_id);
      if (!track) return invalidField('track_id', 'The selected track id is invalid.');
      if (await findLyricForTrack(db, userId, track.id)) return invalidField('track_id', DUPLICATE);
      try {
        const lyric = await insertLyric(db, { userId, trackId: track.id, text: body.text, synced });
        return { status: 200, body: { status: 'success', lyric: serializeLyric(lyric, track) } };
      } catch (err) {
        if (isUniqueViolation(err)) return invalidField('track_id', DUPLICATE);
        throw err;
      }
    },

    async updateLyric({ params, body, auth }) {
      const found = await findOwnLyric(db, auth.user.id, params.lyric_id);
      if (!found) return notFound('Lyric');
      const problem = checkText(body.text, body.synced ?? found.lyric.synced);
      if (problem) return problem;
      const lyric = await updateLyric(db, found.lyric.id, { text: body.text, ...(body.synced !== undefined && { synced: body.synced }) });
      return { status: 200, body: { status: 'success', lyric: serializeLyric(lyric, found.track) } };
    },

    async deleteLyrics({ params, auth }) {
      if (!(await deleteOwnLyrics(db, auth.user.id, parseIdList(params.lyric_id)))) return notFound('Lyric');
      return { status: 200, body: { status: 'success' } };
    },
  };
}
