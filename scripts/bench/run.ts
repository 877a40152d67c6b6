// `npm run bench`: starts the servers, drives them with autocannon and reports requests per
// second, p50, p99 and errors per scenario, plus ratios measured in the same run:
// - the real server on the embedded database, on PostgreSQL, and two instances behind a
//   round-robin proxy on PostgreSQL + Redis (list, show, and a write: create a developer token);
// - our app with its data layer in memory, validation none / requests / requests+responses;
// - a minimal Fastify server with schemas serving the same bodies from the same memory.
// Servers are pinned to CPU 0 and the load generator to CPU 1 where taskset exists.
// Env: DURATION (s, default 4), WARMUP (s, 1), CONNECTIONS (20), ROUNDS (interleaved rounds of the memory and catalog variants, 2),
// SCENARIOS (comma list: embedded,postgres,cluster,catalog,memory,purchase; default all), CATALOG_TRACKS (100000):
// the catalog scenario seeds that many tracks on PostgreSQL and measures list, show and a
// signed-in list (list*) with each validation mode; the purchase scenario runs the whole
// purchase flow (initiate → confirm → webhook → license) on PostgreSQL, PURCHASE_WORKERS (10) at a time;
// the search scenario seeds SEARCH_TRACKS (100000) tracks and SEARCH_ARTISTS (10000) artists on the
// embedded database and on PostgreSQL and times GET /api/v1/search (p50, p95) with
// SEARCH_CONCURRENCY (1: latency, not queueing) clients for SEARCH_SECONDS (2 × DURATION).
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FLOW_SETUP_SQL, measurePurchaseFlow, type FlowResult } from './purchase-flow.js';
import { measureValidationCost } from './validation-cost.js';
import { measureSearch, searchSeedStatements, type SearchLatency } from './search.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 4);
const WARMUP = Number(process.env.WARMUP ?? 1);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SCENARIOS = new Set((process.env.SCENARIOS ?? 'embedded,postgres,cluster,catalog,memory,purchase,search').split(','));
const PURCHASE_WORKERS = Number(process.env.PURCHASE_WORKERS ?? 10);
const CATALOG_TRACKS = Number(process.env.CATALOG_TRACKS ?? 100_000);
const SEARCH_TRACKS = Number(process.env.SEARCH_TRACKS ?? 100_000);
const SEARCH_ARTISTS = Number(process.env.SEARCH_ARTISTS ?? 10_000);
const SEARCH_CONCURRENCY = Number(process.env.SEARCH_CONCURRENCY ?? 1);
const SEARCH_SECONDS = Number(process.env.SEARCH_SECONDS ?? DURATION * 2);
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PASSWORD = 'beatpass-demo';

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Running {
  name: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}
const running = new Set<Running>();

/** Starts `node --import tsx <script>` (pinned to CPU 0) and waits for its port. */
async function start(name: string, script: string, env: Record<string, string>, pattern = /listening (?:on http:\/\/127\.0\.0\.1:)?(\d+)/): Promise<Running> {
  const node = [process.execPath, '--import', 'tsx', script];
  const [command, ...args] = hasTaskset ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command!, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    // Generous: the catalog scenario seeds 100,000 tracks before its server listens.
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 600 s:\n${output}`)), 600_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const entry: Running = {
    name,
    port,
    child,
    stop: async () => {
      running.delete(entry);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(entry);
  return entry;
}

interface Measurement {
  scenario: string;
  route: string;
  rps: number;
  p50: number;
  p99: number;
  meanMs: number;
  errors: number;
  non2xx: number;
  bytes: number;
  /** Server CPU time per request (all server processes of the scenario), from /proc: steadier than req/s on a busy machine. */
  cpuUsPerRequest: number;
}

/** utime + stime of a process in microseconds (Linux /proc; NaN elsewhere). */
function cpuMicros(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
  } catch {
    return NaN;
  }
}
const results: Measurement[] = [];

type Route = { name: string; method?: string; path: string; headers?: Record<string, string>; body?: () => string };

async function load(route: Route, port: number, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: (route.method ?? 'GET') as 'GET',
        path: route.path,
        headers: { accept: 'application/json', ...(route.body ? { 'content-type': 'application/json' } : {}), ...route.headers },
        ...(route.body ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: route.body!() }) } : {}),
      },
    ],
  });
}

async function measure(scenario: string, route: Route, port: number, pids: (number | undefined)[]): Promise<Measurement> {
  if (WARMUP > 0) await load(route, port, WARMUP);
  const cpuBefore = pids.reduce<number>((sum, pid) => sum + cpuMicros(pid), 0);
  const r = await load(route, port, DURATION);
  const cpu = pids.reduce<number>((sum, pid) => sum + cpuMicros(pid), 0) - cpuBefore;
  const m: Measurement = {
    scenario,
    route: route.name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    meanMs: r.latency.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    bytes: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    cpuUsPerRequest: r.requests.total > 0 ? Math.round(cpu / r.requests.total) : NaN,
  };
  results.push(m);
  console.log(
    `  ${scenario.padEnd(34)} ${route.name.padEnd(6)} ${String(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}  non-2xx ${m.non2xx}  server CPU ${m.cpuUsPerRequest} µs/req`,
  );
  return m;
}

const LIST: Route = { name: 'list', path: '/api/v1/tracks?page=1&per_page=15' };
const SHOW: Route = { name: 'show', path: '/api/v1/tracks/42' };
const write = (token: string): Route => ({
  name: 'write',
  method: 'POST',
  path: '/api/v1/developer-tokens',
  headers: { authorization: `Bearer ${token}` },
  body: () => JSON.stringify({ name: `bench ${randomBytes(4).toString('hex')}` }),
});

async function developerToken(port: number): Promise<string> {
  const reply = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: 'developer@beatpass.test', password: PASSWORD, token_name: 'bench' }),
  });
  const body = (await reply.json()) as { user?: { access_token?: string } };
  if (!body.user?.access_token) throw new Error(`could not sign in for the write route: ${reply.status} ${JSON.stringify(body)}`);
  return body.user.access_token;
}

/** The real server as production runs it: requests validated, responses not, info logs off. */
const serverEnv = (extra: Record<string, string>) => ({
  NODE_ENV: 'production',
  SEED_DEMO_DATA: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_API: '1000000000',
  RATE_LIMIT_LOGIN: '1000000000',
  RATE_LIMIT_LOGIN_ADDRESS: '1000000000',
  ...extra,
});

async function realServerScenario(scenario: string, ports: () => Promise<{ port: number; pids: (number | undefined)[]; stop(): Promise<void> }>) {
  const target = await ports();
  try {
    const token = await developerToken(target.port);
    for (const route of [LIST, SHOW, write(token)]) await measure(scenario, route, target.port, target.pids);
  } finally {
    await target.stop();
  }
}

async function runSql(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `beatpass_bench_${randomBytes(5).toString('hex')}`;
  const admin = (sql: string) => runSql(POSTGRES_URL, sql);
  await admin(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

const withPids = (r: Running) => ({ port: r.port, pids: [r.child.pid], stop: () => r.stop() });
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : NaN);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

async function main() {
  console.log(
    `bench: ${DURATION}s per measurement after ${WARMUP}s warm-up, ${CONNECTIONS} connections, ${hasTaskset ? 'servers on CPU 0, load on CPU 1' : 'no CPU pinning'}`,
  );

  if (SCENARIOS.has('embedded')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'beatpass-bench-'));
    try {
      await realServerScenario('1 instance, embedded DB', async () => withPids(await start('embedded', 'server/main.ts', serverEnv({ DATA_DIR: dataDir }))));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (SCENARIOS.has('postgres') || SCENARIOS.has('cluster')) {
    await withScratchDatabase(async (databaseUrl) => {
      if (SCENARIOS.has('postgres')) {
        await realServerScenario('1 instance, PostgreSQL', async () =>
          withPids(await start('postgres', 'server/main.ts', serverEnv({ DATABASE_URL: databaseUrl }))),
        );
      }
      if (SCENARIOS.has('cluster')) {
        await realServerScenario('2 instances + proxy, PostgreSQL + Redis', async () => {
          const env = serverEnv({ DATABASE_URL: databaseUrl, REDIS_URL, DB_POOL_SIZE: '5' });
          const a = await start('instance a', 'server/main.ts', env);
          const b = await start('instance b', 'server/main.ts', env);
          const proxy = await start('proxy', 'scripts/bench/round-robin-proxy.ts', { BACKENDS: `${a.port},${b.port}` });
          return {
            port: proxy.port,
            pids: [a.child.pid, b.child.pid, proxy.child.pid],
            stop: async () => {
              await proxy.stop();
              await Promise.all([a.stop(), b.stop()]);
            },
          };
        });
      }
    });
  }

  if (SCENARIOS.has('catalog')) {
    // Issue 3's figures: list and show on a catalog of CATALOG_TRACKS tracks, with validation as in
    // development (requests + responses), as in production (requests), and off.
    await withScratchDatabase(async (databaseUrl) => {
      const modes: { label: string; env: Record<string, string> }[] = [
        { label: 'requests+responses', env: { VALIDATE_RESPONSES: 'true' } },
        { label: 'requests (prod)', env: { VALIDATE_RESPONSES: 'false' } },
        { label: 'validation off', env: { VALIDATE_RESPONSES: 'false', VALIDATE_REQUESTS: 'false' } },
      ];
      // Seed once, then let PostgreSQL settle: autovacuum and analyze after a 100,000-row seed
      // otherwise slow whichever mode happens to run first.
      await (await start('catalog seed', 'server/main.ts', serverEnv({ DATABASE_URL: databaseUrl, DEMO_TRACKS: String(CATALOG_TRACKS) }))).stop();
      await runSql(databaseUrl, 'vacuum analyze');
      const servers = new Map<string, { server: Running; token: string }>();
      for (const mode of modes) {
        const server = await start(
          `catalog ${mode.label}`,
          'server/main.ts',
          serverEnv({ DATABASE_URL: databaseUrl, DEMO_TRACKS: String(CATALOG_TRACKS), ...mode.env }),
        );
        servers.set(mode.label, { server, token: await developerToken(server.port) });
      }
      try {
        // Interleaved rounds, so a cold cache or JIT does not count against one mode only.
        for (let round = 1; round <= ROUNDS; round++) {
          for (const mode of modes) {
            const { server, token } = servers.get(mode.label)!;
            const scenario = `${CATALOG_TRACKS} tracks, PG, ${mode.label}`;
            for (const route of [LIST, SHOW, { ...LIST, name: 'list*', headers: { authorization: `Bearer ${token}` } }]) {
              await measure(scenario, route, server.port, [server.child.pid]);
            }
          }
        }
      } finally {
        for (const { server } of servers.values()) await server.stop();
      }
    });
  }

  let purchaseFlow: FlowResult | undefined;
  if (SCENARIOS.has('purchase')) {
    await withScratchDatabase(async (databaseUrl) => {
      const env = serverEnv({
        DATABASE_URL: databaseUrl,
        RATE_LIMIT_PURCHASES: '1000000000',
        RATE_LIMIT_REGISTER: '1000000000',
        RATE_LIMIT_WEBHOOKS: '1000000000',
      });
      await (await start('purchase seed', 'server/main.ts', env)).stop();
      await runSql(databaseUrl, FLOW_SETUP_SQL);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const trackIds = (await client.query<{ id: number }>('select id from tracks order by id')).rows.map((r) => r.id);
      await client.end();
      const server = await start('purchase', 'server/main.ts', env);
      try {
        await measurePurchaseFlow(server.port, trackIds.slice(0, 5), { workers: 2, buyers: 1, seconds: WARMUP });
        purchaseFlow = await measurePurchaseFlow(server.port, trackIds.slice(5), { workers: PURCHASE_WORKERS, buyers: 20, seconds: DURATION * 2 });
      } finally {
        await server.stop();
      }
      console.log(`  purchase flow, PostgreSQL: ${JSON.stringify(purchaseFlow)}`);
    });
  }

  const searchResults: { database: string; result: SearchLatency }[] = [];
  if (SCENARIOS.has('search')) {
    const statements = searchSeedStatements(SEARCH_TRACKS, SEARCH_ARTISTS);
    const timeSearch = async (database: string, env: Record<string, string>) => {
      const server = await start(`search, ${database}`, 'server/main.ts', env);
      try {
        if (WARMUP > 0) await measureSearch(server.port, { concurrency: SEARCH_CONCURRENCY, seconds: WARMUP });
        const result = await measureSearch(server.port, { concurrency: SEARCH_CONCURRENCY, seconds: SEARCH_SECONDS });
        searchResults.push({ database, result });
        console.log(`  search, ${database}: ${JSON.stringify(result)}`);
      } finally {
        await server.stop();
      }
    };
    // Embedded: the server migrates and seeds the demo data, then the bulk seed runs on the
    // same data directory through PGlite directly (one process at a time may open it).
    const dataDir = mkdtempSync(join(tmpdir(), 'beatpass-bench-search-'));
    try {
      const env = serverEnv({ DATA_DIR: dataDir });
      await (await start('search seed, embedded', 'server/main.ts', env)).stop();
      const { PGlite } = await import('@electric-sql/pglite');
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
      const seeding = Date.now();
      for (const statement of statements) await client.exec(statement);
      await client.exec('vacuum analyze');
      console.log(`  search seed, embedded: ${SEARCH_TRACKS} tracks, ${SEARCH_ARTISTS} artists in ${Date.now() - seeding} ms`);
      await client.close();
      await timeSearch('embedded', env);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    await withScratchDatabase(async (databaseUrl) => {
      const env = serverEnv({ DATABASE_URL: databaseUrl });
      await (await start('search seed, PostgreSQL', 'server/main.ts', env)).stop();
      const seeding = Date.now();
      for (const statement of statements) await runSql(databaseUrl, statement);
      await runSql(databaseUrl, 'vacuum analyze');
      console.log(`  search seed, PostgreSQL: ${SEARCH_TRACKS} tracks, ${SEARCH_ARTISTS} artists in ${Date.now() - seeding} ms`);
      await timeSearch('PostgreSQL', env);
    });
  }

  let validationCost: ReturnType<typeof measureValidationCost> | undefined;
  if (SCENARIOS.has('memory')) {
    validationCost = measureValidationCost();
    console.log(`  validation per request, in-process: list ${JSON.stringify(validationCost.list)} µs, show ${JSON.stringify(validationCost.show)} µs`);
    const variants: { key: string; label: string; script: string; env: Record<string, string> }[] = [
      { key: 'none', label: 'ours, memory data, validation none', script: 'scripts/bench/memory-server.ts', env: { VALIDATION: 'none' } },
      { key: 'requests', label: 'ours, memory data, requests (prod)', script: 'scripts/bench/memory-server.ts', env: { VALIDATION: 'requests' } },
      { key: 'full', label: 'ours, memory data, requests+responses', script: 'scripts/bench/memory-server.ts', env: { VALIDATION: 'full' } },
      { key: 'fastify', label: 'fastify 5 + schemas, memory data', script: 'scripts/bench/fastify-server.ts', env: {} },
    ];
    // Interleaved rounds, as in perf-anchors.md: every variant once per round. Each round
    // starts a fresh process per variant, alone on its CPU: two processes of the same
    // server can differ by several per cent (JIT decisions, heap layout), so averaging the
    // rounds averages processes too. Even rounds run the variants in reverse order, so drift
    // within a round favours none of them.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const v of round % 2 === 1 ? variants : [...variants].reverse()) {
        const server = await start(v.label, v.script, { LOG_LEVEL: 'warn', ...v.env });
        try {
          for (const route of [LIST, SHOW]) await measure(v.label, route, server.port, [server.child.pid]);
        } finally {
          await server.stop();
        }
      }
    }
  }

  // Averages per scenario and route (several rounds for the memory variants).
  const keys = [...new Set(results.map((r) => `${r.scenario}\u0000${r.route}`))];
  const summary = keys.map((key) => {
    const [scenario, route] = key.split('\u0000') as [string, string];
    const rs = results.filter((r) => r.scenario === scenario && r.route === route);
    return {
      scenario,
      route,
      rounds: rs.length,
      rps: Math.round(mean(rs.map((r) => r.rps))),
      p50: mean(rs.map((r) => r.p50)),
      p99: mean(rs.map((r) => r.p99)),
      errors: rs.reduce((s, r) => s + r.errors, 0),
      non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
      bytes: rs[0]!.bytes,
      cpuUsPerRequest: Math.round(mean(rs.map((r) => r.cpuUsPerRequest))),
    };
  });
  const rps = (scenario: string, route: string) => summary.find((s) => s.scenario === scenario && s.route === route)?.rps ?? NaN;
  /** Requests per CPU-second of the server: the throughput it would reach on a core of its own. */
  const cpuRps = (scenario: string, route: string) => 1e6 / (summary.find((s) => s.scenario === scenario && s.route === route)?.cpuUsPerRequest ?? NaN);

  const lines: string[] = [];
  lines.push(
    '| scenario | route | req/s | p50 ms | p99 ms | errors | non-2xx | bytes/resp | server CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of summary)
    lines.push(`| ${s.scenario} | ${s.route} | ${s.rps} | ${s.p50} | ${s.p99} | ${s.errors} | ${s.non2xx} | ${s.bytes} | ${s.cpuUsPerRequest} |`);

  const ratios: Record<string, number> = {};
  if (SCENARIOS.has('memory')) {
    for (const route of ['list', 'show']) {
      const none = rps('ours, memory data, validation none', route);
      ratios[`${route}: requests ÷ none (target ≥ 0.90)`] = ratio(rps('ours, memory data, requests (prod)', route), none);
      ratios[`${route}: requests+responses ÷ none (target ≥ 0.80)`] = ratio(rps('ours, memory data, requests+responses', route), none);
      const fastify = rps('fastify 5 + schemas, memory data', route);
      ratios[`${route}: ours requests+responses ÷ fastify (target ${route === 'list' ? '0.5' : '0.25'})`] = ratio(
        rps('ours, memory data, requests+responses', route),
        fastify,
      );
      ratios[`${route}: ours requests (prod) ÷ fastify`] = ratio(rps('ours, memory data, requests (prod)', route), fastify);
      // The same ratios from server CPU per request, which other load on the machine disturbs less.
      const noneCpu = cpuRps('ours, memory data, validation none', route);
      const fastifyCpu = cpuRps('fastify 5 + schemas, memory data', route);
      ratios[`${route}: [CPU] requests ÷ none`] = ratio(cpuRps('ours, memory data, requests (prod)', route), noneCpu);
      ratios[`${route}: [CPU] requests+responses ÷ none`] = ratio(cpuRps('ours, memory data, requests+responses', route), noneCpu);
      ratios[`${route}: [CPU] ours requests+responses ÷ fastify`] = ratio(cpuRps('ours, memory data, requests+responses', route), fastifyCpu);
      ratios[`${route}: [CPU] ours requests (prod) ÷ fastify`] = ratio(cpuRps('ours, memory data, requests (prod)', route), fastifyCpu);
      // Validation's steady-state cost (timed in-process) added to the no-validation server's CPU per request.
      const cost = validationCost![route as 'list' | 'show'];
      const noneMicros = 1e6 / noneCpu;
      ratios[`${route}: [in-process] requests ÷ none (request validation ${cost.request.toFixed(2)} µs)`] = ratio(noneMicros, noneMicros + cost.request);
      ratios[`${route}: [in-process] requests+responses ÷ none (response validation ${cost.response.toFixed(2)} µs)`] = ratio(
        noneMicros,
        noneMicros + cost.request + cost.response,
      );
    }
  }
  if (SCENARIOS.has('catalog')) {
    const catalog = (mode: string) => `${CATALOG_TRACKS} tracks, PG, ${mode}`;
    for (const route of ['list', 'show', 'list*']) {
      const off = rps(catalog('validation off'), route);
      ratios[`catalog ${route}: requests+responses ÷ off`] = ratio(rps(catalog('requests+responses'), route), off);
      ratios[`catalog ${route}: requests (prod) ÷ off`] = ratio(rps(catalog('requests (prod)'), route), off);
    }
  }
  if (purchaseFlow) {
    lines.push(
      '',
      `| purchase flow (initiate → confirm → webhook → license), PostgreSQL, ${PURCHASE_WORKERS} buyers at a time | flows/s | p50 ms | p99 ms | errors |`,
      '|---|---:|---:|---:|---:|',
      `| ${purchaseFlow.flows} flows in ${purchaseFlow.seconds.toFixed(1)} s | ${purchaseFlow.perSecond} | ${purchaseFlow.p50Ms} | ${purchaseFlow.p99Ms} | ${purchaseFlow.errors} |`,
    );
  }
  if (searchResults.length > 0) {
    lines.push(
      '',
      `| GET /api/v1/search, ${SEARCH_TRACKS} tracks + ${SEARCH_ARTISTS} artists, ${SEARCH_CONCURRENCY} clients | requests | p50 ms | p95 ms | p99 ms | errors |`,
      '|---|---:|---:|---:|---:|---:|',
      ...searchResults.map(({ database, result: r }) => `| ${database} | ${r.requests} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.errors} |`),
    );
  }
  lines.push('', '| ratio (same run) | value |', '|---|---:|');
  for (const [name, value] of Object.entries(ratios)) lines.push(`| ${name} | ${value} |`);

  const report = lines.join('\n');
  console.log(`\n${report}\n`);
  const dir = join(root, 'bench-results');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    duration: DURATION,
    warmup: WARMUP,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    pinned: hasTaskset,
  };
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify({ meta, results, summary, ratios }, null, 2));
  writeFileSync(join(dir, 'latest.md'), `# npm run bench, ${meta.date}\n\n${JSON.stringify(meta)}\n\n${report}\n`);
  console.log(`written to bench-results/${stamp}.json and bench-results/latest.md`);
}

try {
  await main();
} finally {
  for (const s of [...running]) await s.stop();
}
