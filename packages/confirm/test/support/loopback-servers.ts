import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/**
 * Stand-ins for the far ends of the probes, on loopback: `open` completes a TLS handshake (what a host the
 * firewall passes looks like from the task); `silent` accepts TCP and never answers, which is what a domain
 * the firewall drops looks like: with `aws:drop_established` the TCP handshake passes and the ClientHello is
 * dropped. The certificate is a self-signed one for the tests (fixtures/tls), never used elsewhere.
 */
export interface LoopbackServers {
  readonly open: number;
  readonly silent: number;
  stop(): Promise<void>;
}

export async function startLoopbackServers(): Promise<LoopbackServers> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  };
  const open = createTlsServer(
    {
      key: readFileSync(new URL('../fixtures/tls/loopback.key', import.meta.url)),
      cert: readFileSync(new URL('../fixtures/tls/loopback.crt', import.meta.url)),
    },
    (socket) => socket.end(),
  );
  open.on('connection', track);
  const silent = createTcpServer(track);
  const listen = (server: Server) =>
    new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
  const ports = { open: await listen(open), silent: await listen(silent) };
  return {
    ...ports,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([open, silent].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
