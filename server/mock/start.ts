// Starts the mock: the port is bound first (a taken port stops start-up with one line, before
// Prism is spawned), then the private Prism and the request steps are readied together; until
// both are, requests get 503 with Retry-After.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { freePort, listen, startingUp } from '../infra/listen.js';
import { startPrism, type PrismProcess } from './prism.js';

export const DEFAULT_MOCK_PORT = 4010;

export interface MockStartOptions {
  port: number;
  host: string;
  logger: Logger;
  corsOrigins?: readonly string[];
  uploadMaxBytes: number;
  /** The bundled spec Prism answers from. */
  specPath?: string;
}

export interface RunningMock {
  /** The mock's own address, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  close(): Promise<void>;
}

const answerWhileStarting = startingUp('mock');

export async function startMock(options: MockStartOptions): Promise<RunningMock> {
  const server = createServer(answerWhileStarting);
  await listen(server, options.port, options.host, 'MOCK_PORT');
  const tempDir = await mkdtemp(join(tmpdir(), 'beatpass-mock-uploads-'));
  let prism: Promise<PrismProcess> | undefined;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await (await prism?.catch(() => undefined))?.stop();
    await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const prismPort = await freePort();
    // Prism takes longest to start: it starts before the request steps are loaded and compiled.
    prism = startPrism(['mock', '--cors=false', options.specPath ?? 'generated/openapi.json'], { port: prismPort });
    const { createMockApp } = await import('./app.js');
    const app = createMockApp({
      prismUrl: `http://127.0.0.1:${prismPort}`,
      publicUrl: baseUrlOf(server, options.host),
      logger: options.logger,
      corsOrigins: options.corsOrigins,
      uploads: { tempDir, maxBytes: options.uploadMaxBytes },
    });
    await prism;
    server.off('request', answerWhileStarting).on('request', app);
  } catch (err) {
    await close();
    throw err;
  }
  return { baseUrl: baseUrlOf(server, options.host), close };
}

/** The mock's own address, on the loopback interface when it listens on all of them. */
function baseUrlOf(server: Server, listenHost: string): string {
  const { port } = server.address() as AddressInfo;
  const host = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return `http://${host}:${port}`;
}
