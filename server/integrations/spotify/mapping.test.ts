import { describe, expect, it } from 'vitest';
import { searchItems, toAlbum, toAlbumSummary, toTrackResult } from './mapping.js';

const ID = '4aawyAB9vmqN3uQ7FjRGTy';

describe("mapping Spotify's payloads", () => {
  it('drops items without a usable ID or name instead of failing the whole answer', () => {
    expect(toTrackResult(null)).toBeNull();
    expect(toTrackResult({ id: ID, name: 'No album' })).toBeNull();
    expect(toAlbumSummary({ id: 'not-a-spotify-id', name: 'X' })).toBeNull();
    expect(toAlbumSummary({ id: ID, name: '  ' })).toBeNull();
    expect(toAlbum({ name: 'No ID' })).toBeNull();
    expect(searchItems({ tracks: { items: 'nope' } }, 'tracks')).toEqual([]);
    expect(searchItems(null, 'albums')).toEqual([]);
  });

  it('normalises odd values: the widest http(s) cover, unknown "0000" dates, album types, counts and links', () => {
    const album = toAlbumSummary({
      id: ID,
      name: 'Blue Hour',
      album_type: 'EP',
      artists: [{ name: 'Rae Castillo' }, null, { name: 42 }],
      release_date: '0000',
      release_date_precision: 'year',
      total_tracks: -3,
      images: [
        { url: 'https://i.scdn.co/small', width: 64 },
        { url: 'javascript:alert(1)', width: 9999 },
        { url: 'https://i.scdn.co/big', width: 640 },
      ],
      external_urls: { spotify: 'not a url' },
    });
    expect(album).toEqual({
      spotify_id: ID,
      name: 'Blue Hour',
      album_type: 'album',
      artists: ['Rae Castillo'],
      release_date: null,
      release_date_precision: null,
      total_tracks: 0,
      image: 'https://i.scdn.co/big',
      spotify_url: `https://open.spotify.com/album/${ID}`,
    });
  });

  it('keeps only the first 50 tracks of an album and counts at least those', () => {
    const tracks = Array.from({ length: 60 }, (_, i) => ({ id: `${String(i).padStart(2, '0')}${ID.slice(2)}`, name: `Track ${i + 1}`, track_number: i + 1 }));
    const album = toAlbum({ id: ID, name: 'Long', total_tracks: 0, tracks: { items: tracks }, label: '' });
    expect(album!.tracks).toHaveLength(50);
    expect(album!.total_tracks).toBe(50);
    expect(album!.label).toBeNull();
    expect(album!.tracks[49]).toMatchObject({ name: 'Track 50', explicit: false, artists: [], disc_number: 0 });
  });

  it("keeps within the spec's bounds whatever Spotify sends: long names, links and ISRCs, huge counts, crowded credits", () => {
    const long = 'x'.repeat(256);
    expect(toTrackResult({ id: ID, name: long, album: { id: ID, name: 'Album' } })).toBeNull();
    const track = toTrackResult({
      id: ID,
      name: 'Night Drive',
      artists: [{ name: long }, ...Array.from({ length: 60 }, (_, i) => ({ name: `Artist ${i}` }))],
      album: { id: ID, name: 'Album', images: [{ url: `https://i.scdn.co/${'a'.repeat(2048)}`, width: 640 }] },
      track_number: 2 ** 31,
      duration_ms: Number.MAX_SAFE_INTEGER,
      external_ids: { isrc: 'I'.repeat(33) },
      external_urls: { spotify: `https://open.spotify.com/track/${ID}?${'q'.repeat(2048)}` },
    });
    expect(track).toMatchObject({ track_number: 0, duration_ms: 0, isrc: null, spotify_url: `https://open.spotify.com/track/${ID}` });
    expect(track!.album.image).toBeNull();
    expect(track!.artists).toHaveLength(50);
    expect(track!.artists[0]).toBe('Artist 0');
  });
});
