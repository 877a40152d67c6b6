// A TCP proxy the test controls, in front of the shared PostgreSQL or Redis (which must never
// be stopped):
// - `cut('reset')`: every connection is reset and new ones are refused at once (a crashed or
//   unreachable server);
// - `cut('blackhole')`: open connections stall (nothing is forwarded either way) and new ones
//   are accepted but held (a hung server, a silent network, a database far too slow);
// - `restore()`: forwarding resumes; held connections are connected through.
import net from 'node:net';

export type CutMode = 'reset' | 'blackhole';

interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
  forwarding: boolean;
}

export class TcpProxy {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly pairs = new Set<Pair>();
  private mode: CutMode | null = null;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get connections(): number {
    return this.pairs.size;
  }

  cut(mode: CutMode = 'reset'): void {
    this.mode = mode;
    for (const pair of this.pairs) {
      if (mode === 'reset') this.drop(pair);
      else this.stall(pair);
    }
  }

  restore(): void {
    this.mode = null;
    for (const pair of this.pairs) this.forward(pair);
  }

  async close(): Promise<void> {
    this.cut('reset');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => {});
    if (this.mode === 'reset') return void client.resetAndDestroy();
    const pair: Pair = { client, forwarding: false };
    this.pairs.add(pair);
    client.on('close', () => this.drop(pair));
    client.pause();
    if (this.mode === null) this.forward(pair);
  }

  private forward(pair: Pair): void {
    if (pair.forwarding) return;
    pair.forwarding = true;
    if (!pair.upstream) {
      const upstream = net.connect(this.target);
      pair.upstream = upstream;
      upstream.on('error', () => {});
      upstream.on('close', () => this.drop(pair));
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
    pair.client.resume();
    pair.upstream.resume();
  }

  private stall(pair: Pair): void {
    pair.forwarding = false;
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.resetAndDestroy();
    pair.upstream?.resetAndDestroy();
  }
}
