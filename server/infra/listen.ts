// Binding the port before anything else starts, so that a taken port, a missing privilege or a
// wrong host stops start-up with one line saying which variable to change (no stack trace).
import type { RequestListener, Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { SECURITY_HEADERS } from '../http/api-front.js';

/** What a bound server answers until it is ready: 503 with Retry-After and the usual security headers. */
export function startingUp(what: 'sandbox' | 'mock'): RequestListener {
  const body = JSON.stringify({ message: `The ${what} is starting; try again in a moment.` });
  return (_req, res) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(body);
  };
}

/** Start-up stopped for a reason one line explains (no stack trace). */
export class StartupError extends Error {}

/** Binds the port, or fails with a StartupError naming `portVariable` (PORT, MOCK_PORT) when that is what to change. */
export function listen(server: Server, port: number, host: string, portVariable = 'PORT'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(listenProblem(err, port, host, portVariable));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function listenProblem(err: NodeJS.ErrnoException, port: number, host: string, portVariable: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(`Port ${port} on ${host} is already in use: stop the other server or set ${portVariable}.`);
    case 'EACCES':
      return new StartupError(`Port ${port} on ${host} needs privileges this process does not have: set ${portVariable} to a port above 1023.`);
    case 'EADDRNOTAVAIL':
      return new StartupError(`${host} is not an address of this machine: set HOST to one of its addresses (0.0.0.0 for all).`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`HOST ${host} does not resolve to an address: set HOST to an address of this machine.`);
    default:
      return err;
  }
}

/** A port no one is using: binding port 0 lets the OS pick one, released at once for the caller. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
