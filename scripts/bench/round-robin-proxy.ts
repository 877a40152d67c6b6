// A small layer-4 round-robin load balancer: each new TCP connection goes to the next backend.
// Usage: BACKENDS=port1,port2 tsx round-robin-proxy.ts ; prints "listening <port>".
import net from 'node:net';

const backends = (process.env.BACKENDS ?? '').split(',').filter(Boolean).map(Number);
if (backends.length === 0) throw new Error('BACKENDS=port1,port2 is required');
let next = 0;

const server = net.createServer((client) => {
  const port = backends[next++ % backends.length]!;
  const upstream = net.connect({ host: '127.0.0.1', port });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as net.AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
