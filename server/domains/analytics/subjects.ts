// What an analytics route reports on, who manages it, and the tracks it adds up. The managers
// of a track or album are its owner and the users who manage its credited artists (the same
// people who may edit it); an artist's are the users its profile is linked to.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';

export type SubjectKind = 'track' | 'album' | 'artist';

export interface Subject {
  kind: SubjectKind;
  id: number;
  name: string;
  image: string | null;
  createdAt: Date;
  /** Users who manage it: they may read its analytics, and their own activity is not audience. */
  managerIds: number[];
  /** A subquery selecting the ids of its tracks. */
  tracks: SQL;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

interface Row {
  id: number;
  name: string;
  image: string | null;
  created_at: string | Date;
  managers: number[] | null;
}

const QUERIES: Record<SubjectKind, (id: number) => SQL> = {
  track: (id) => sql`
    select t.id, t.name, t.image, t.created_at,
           array_remove(array(select t.owner_id union select a.user_id from track_artists ta join artists a on a.id = ta.artist_id
                              where ta.track_id = t.id), null) as managers
    from tracks t where t.id = ${id}`,
  album: (id) => sql`
    select al.id, al.name, al.image, al.created_at,
           array_remove(array(select al.owner_id union select a.user_id from album_artists aa join artists a on a.id = aa.artist_id
                              where aa.album_id = al.id), null) as managers
    from albums al where al.id = ${id}`,
  artist: (id) => sql`
    select a.id, a.name, a.image_small as image, a.created_at, array_remove(array[a.user_id], null) as managers
    from artists a where a.id = ${id}`,
};

const TRACKS: Record<SubjectKind, (id: number) => SQL> = {
  track: (id) => sql`select ${id}::int`,
  album: (id) => sql`select id from tracks where album_id = ${id}`,
  artist: (id) => sql`select track_id from track_artists where artist_id = ${id}`,
};

/** The track, album or artist with this id, or undefined. */
export async function findSubject(db: Db, kind: SubjectKind, id: number): Promise<Subject | undefined> {
  // Ids past the int range name nothing (the insights report's `model` allows ten digits).
  if (id > 2_147_483_647) return undefined;
  const [row] = rowsOf<Row>(await db.execute(QUERIES[kind](id)));
  if (!row) return undefined;
  return {
    kind,
    id: row.id,
    name: row.name,
    image: row.image,
    createdAt: new Date(row.created_at),
    managerIds: (row.managers ?? []).map(Number),
    tracks: TRACKS[kind](id),
  };
}
