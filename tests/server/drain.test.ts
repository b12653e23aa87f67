import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainable } from '../../src/server/drain.js';

let server: Server | undefined;
afterEach(() => server?.closeAllConnections());

const listen = async (handler: Parameters<typeof createServer>[1]) => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

const get = (port: number, agent: Agent) =>
  new Promise<{ connection: string | undefined } | Error>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ connection: res.headers.connection }));
    });
    req.on('error', (error) => resolve(error));
    req.end();
  });

describe('drainable', () => {
  it('answers with Connection: close once closing, so a busy keep-alive client lets the server stop', async () => {
    let received = () => {};
    const port = await listen((_req, res) => {
      received();
      setTimeout(() => res.end('ok'), 50);
    });
    const http = drainable(server!, 60_000);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(port, agent)).toEqual({ connection: 'keep-alive' });
    // A request the server is working on while close() looks: its socket is busy, so only the header ends it.
    const arrived = new Promise<void>((resolve) => (received = resolve));
    const inFlight = get(port, agent);
    await arrived;
    const closed = http.close();
    expect(await inFlight).toEqual({ connection: 'close' });
    await closed;
    agent.destroy();
  });

  it('cuts a connection that is still busy after the grace period', async () => {
    const port = await listen(() => undefined); // never answers
    const http = drainable(server!, 200);
    const agent = new Agent({ keepAlive: true });
    const hanging = get(port, agent);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await http.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await hanging).toBeInstanceOf(Error);
    agent.destroy();
  });
});
