// The search scenario: a catalog of 100,000 tracks and 10,000 artists (bulk-inserted with
// generate_series on top of the demo seed), then `GET /api/v1/search` over a mix of what
// people type: exact titles, partial words, misspellings, artist names. Latency is timed per
// request by a few concurrent clients, so p50 and p95 are exact over every request sent.
import { performance } from 'node:perf_hooks';

const ADJECTIVES = [
  'Midnight',
  'Golden',
  'Velvet',
  'Crimson',
  'Silent',
  'Neon',
  'Frozen',
  'Electric',
  'Hollow',
  'Lunar',
  'Savage',
  'Toxic',
  'Broken',
  'Wicked',
  'Cosmic',
  'Dusty',
  'Lucid',
  'Rapid',
  'Smoky',
  'Royal',
  'Faded',
  'Heavy',
  'Liquid',
  'Mystic',
  'Purple',
  'Shadow',
  'Solar',
  'Static',
  'Urban',
  'Wild',
  'Amber',
  'Blazing',
  'Chrome',
  'Distant',
  'Empty',
  'Fallen',
  'Ghost',
  'Hazy',
  'Iron',
  'Jaded',
  'Kinetic',
  'Lost',
  'Molten',
  'Night',
  'Obsidian',
  'Paper',
  'Quiet',
  'Restless',
  'Sacred',
  'Twisted',
];
const NOUNS = [
  'Drive',
  'Mirage',
  'Thunder',
  'Lights',
  'Karma',
  'Gravity',
  'Shore',
  'Dreams',
  'Echoes',
  'Horizon',
  'Rain',
  'Skyline',
  'Waves',
  'Flames',
  'Pulse',
  'Voyage',
  'Riot',
  'Garden',
  'Signal',
  'Empire',
  'Tide',
  'Comet',
  'Reverie',
  'Anthem',
  'Cipher',
  'Dynasty',
  'Eclipse',
  'Fever',
  'Glitch',
  'Harbor',
  'Island',
  'Jungle',
  'Kingdom',
  'Lagoon',
  'Monsoon',
  'Nebula',
  'Oasis',
  'Phantom',
  'Quartz',
  'Rebel',
  'Sirens',
  'Temple',
  'Utopia',
  'Vortex',
  'Whisper',
  'Xenon',
  'Yearning',
  'Zenith',
  'Avenue',
  'Bounce',
];
const FIRST = [
  'Kairo',
  'Nova',
  'Metro',
  'Lil',
  'Young',
  'DJ',
  'Big',
  'Saint',
  'King',
  'Luna',
  'Jay',
  'Ace',
  'Rico',
  'Zane',
  'Milo',
  'Nia',
  'Omar',
  'Pax',
  'Remy',
  'Sky',
];
const LAST = [
  'Vance',
  'Beats',
  'Keys',
  'Prism',
  'Wave',
  'Stone',
  'Blaze',
  'Cruz',
  'Drake',
  'Ellis',
  'Frost',
  'Grey',
  'Hayes',
  'Irving',
  'Jett',
  'Knox',
  'Lane',
  'Moss',
  'North',
  'Onyx',
  'Pierce',
  'Quinn',
  'Reyes',
  'Steel',
  'Tate',
  'Underwood',
  'Vega',
  'West',
  'Xavier',
  'York',
  'Zeal',
  'Ash',
  'Bishop',
  'Cole',
  'Dune',
  'Echo',
  'Flynn',
  'Gold',
  'Hart',
  'Ivory',
  'Jade',
  'Kane',
  'Lux',
  'Marsh',
  'Nash',
  'Ortiz',
  'Park',
  'Reed',
  'Shaw',
  'Troy',
];
const MOODS = ['dark', 'melodic', 'hard', 'chill', 'bouncy', 'moody', 'uplifting', 'aggressive', 'dreamy', 'soulful'];
const STYLES = ['trap', 'drill', 'boom bap', 'lo-fi', 'r&b', 'afrobeat', 'pop', 'house', 'reggaeton', 'synthwave'];
const KEYS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

const array = (items: string[]) => `(array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]::text[])`;

/**
 * Bulk seed on top of the demo data: 10,000 artists (first × last names, 1,000 distinct
 * names, as real catalogs repeat names), 100,000 tracks "<Adjective> <Noun> <n>" (unique,
 * as track names must be) with a description, and one credited artist per track. One
 * statement each, no round trips per row.
 */
export function searchSeedStatements(tracks: number, artists: number): string[] {
  return [
    `insert into artists (name, bio)
      select ${array(FIRST)}[1 + g % ${FIRST.length}] || ' ' || ${array(LAST)}[1 + (g / ${FIRST.length}) % ${LAST.length}],
        'bench: ' || ${array(MOODS)}[1 + g % ${MOODS.length}] || ' ' || ${array(STYLES)}[1 + (g / 7) % ${STYLES.length}] || ' producer'
      from generate_series(0, ${artists - 1}) g`,
    `insert into tracks (name, description, duration_ms, bpm, key, scale, licensing_type, plays)
      select ${array(ADJECTIVES)}[1 + g % ${ADJECTIVES.length}] || ' ' || ${array(NOUNS)}[1 + (g / ${ADJECTIVES.length}) % ${NOUNS.length}] || ' ' || g,
        'A ' || ${array(MOODS)}[1 + g % ${MOODS.length}] || ' ' || ${array(STYLES)}[1 + (g / 3) % ${STYLES.length}] || ' beat in the spirit of '
          || ${array(ADJECTIVES)}[1 + (g / 11) % ${ADJECTIVES.length}] || ' ' || ${array(NOUNS)}[1 + (g / 13) % ${NOUNS.length}],
        90000 + g % 150000, 60 + g % 141, ${array(KEYS)}[1 + g % ${KEYS.length}], case when g % 2 = 0 then 'minor' else 'major' end,
        'non_exclusive_only', (g * 7919) % 100000
      from generate_series(1, ${tracks}) g`,
    `insert into track_artists (track_id, artist_id, position)
      select t.id, a.id, 0
      from (select id, row_number() over (order by id) - 1 as n from tracks where description like 'A %beat in the spirit of%') t
      join (select id, row_number() over (order by id) - 1 as n from artists where bio like 'bench:%') a on a.n = (t.n * 7) % ${artists}`,
  ];
}

/** The title the seed gives track number `g`. */
const title = (g: number) => `${ADJECTIVES[g % ADJECTIVES.length]} ${NOUNS[Math.floor(g / ADJECTIVES.length) % NOUNS.length]} ${g}`;

/** What people type: exact titles, the start of words, misspellings, artist names (found or misspelled), mood words. */
export const SEARCH_QUERIES = [
  ...[5001, 152, 51, 10255, 77777].map(title), // exact titles (the number makes them unique)
  'midn', // partial words, as typed
  'golden mir',
  'velv thund',
  'cosm neb',
  'electric puls',
  'midnigth drive', // misspellings
  'goldn mirage',
  'thundr',
  'crimsn lights',
  'neon skylin',
  'Kairo Vance', // artist names
  'nova beats',
  'kiaro vanse',
  'lil prsm',
  'dark trap', // genre and mood words (descriptions)
  'melodic drill',
  'shadow',
];

export interface SearchLatency {
  requests: number;
  seconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  /** Median per query, to see which kind of query is slow. */
  perQueryP50Ms: Record<string, number>;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
const round = (x: number) => Math.round(x * 100) / 100;

/** `concurrency` clients, each cycling through the queries (from a different start) for `seconds`. */
export async function measureSearch(port: number, options: { concurrency: number; seconds: number }): Promise<SearchLatency> {
  const all: number[] = [];
  const byQuery = new Map<string, number[]>();
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      for (let i = client * 5; performance.now() < deadline; i++) {
        const query = SEARCH_QUERIES[i % SEARCH_QUERIES.length]!;
        const t0 = performance.now();
        const reply = await fetch(`http://127.0.0.1:${port}/api/v1/search?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
        await reply.arrayBuffer();
        const ms = performance.now() - t0;
        if (reply.status !== 200) errors++;
        all.push(ms);
        byQuery.set(query, [...(byQuery.get(query) ?? []), ms]);
      }
    }),
  );
  const sorted = all.sort((a, b) => a - b);
  return {
    requests: all.length,
    seconds: round((performance.now() - started) / 1000),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    errors,
    perQueryP50Ms: Object.fromEntries(
      [...byQuery].map(([q, xs]) => [
        q,
        round(
          percentile(
            xs.sort((a, b) => a - b),
            50,
          ),
        ),
      ]),
    ),
  };
}
