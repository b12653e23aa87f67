import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/azurite.js';
import { startPlayground } from '../../src/local/playground.js';

const PRELOAD = fileURLToPath(new URL('../../src/local/loopback-listen.cjs', import.meta.url));

/** Where a server started with the preload listens, for each way Node lets a caller call listen(). */
function boundAddress(listenCall: string): string {
  const script = `const s = require('node:http').createServer(); s.${listenCall}; s.on('listening', () => { console.log(s.address().address); s.close(); });`;
  return execFileSync(process.execPath, ['--require', PRELOAD, '-e', script], { encoding: 'utf8' }).trim();
}

describe('the Agents Playground listens on localhost only', () => {
  it('a listen without a host binds 127.0.0.1; an explicit host is left alone', () => {
    expect(boundAddress('listen(0)')).toBe('127.0.0.1');
    expect(boundAddress('listen(0, () => {})')).toBe('127.0.0.1');
    expect(boundAddress('listen({ port: 0 })')).toBe('127.0.0.1');
    expect(boundAddress("listen(0, '::1')")).toBe('::1');
  });

  it('the Playground answers on localhost and refuses connections to the machine’s network address', async () => {
    const port = await freePort();
    const playground = await startPlayground({ botUrl: 'http://127.0.0.1:9', port });
    try {
      const status = (host: string) =>
        fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.status,
          (e: { cause?: { code?: string } }) => e.cause?.code ?? 'failed',
        );
      expect(await status('127.0.0.1')).toBe(200);
      expect(await status('localhost')).toBe(200);
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && !i.internal && i.family === 'IPv4')
        .map((i) => i!.address);
      for (const address of external) expect(await status(address)).toBe('ECONNREFUSED');
    } finally {
      await playground.stop();
    }
  });
});
