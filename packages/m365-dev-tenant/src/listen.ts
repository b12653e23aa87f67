import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

/**
 * One port that speaks both plain HTTP (handy for curl and `dsar dev deliver`) and HTTPS (what MSAL and
 * the Graph SDK insist on). The first byte of a TLS connection is always 0x16 (handshake record), which
 * no HTTP request line starts with.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface DualListener {
  port: number;
  close(): Promise<void>;
}

export async function listenDual(
  handler: Handler,
  options: { port: number; host: string; cert: string; key: string },
): Promise<DualListener> {
  const http: Server = createHttpServer(handler);
  const https = createHttpsServer({ cert: options.cert, key: options.key }, handler);
  const sockets = new Set<Socket>();

  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const first: Buffer | null = socket.read(1);
      if (!first) return void socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? https : http).emit('connection', socket);
    });
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (front.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
