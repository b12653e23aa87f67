import type { ServerResponse, Server } from 'node:http';

/**
 * Stops an HTTP server without waiting for its clients. `server.close()` only closes connections that are idle
 * at that moment; an answer in progress is still sent with `Connection: keep-alive`, and a client that sends its
 * next request at once (a monitoring probe, a browser tab polling /readyz) keeps the socket busy for ever. So
 * every answer finished after close() says `Connection: close` (Node then ends the socket once it is out), and
 * whatever is still open after `graceMs` is cut.
 */
export function drainable(server: Server, graceMs = 10_000): { close: () => Promise<void> } {
  let closing = false;
  const answering = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    // Headers already out (a streamed answer): end the socket once the answer is.
    else {
      // Taken now: Node detaches the socket from the response when it finishes.
      const socket = res.socket;
      res.once('finish', () => socket?.end());
    }
  };
  // Prepended so this runs before any route can start the answer.
  server.prependListener('request', (_req, res) => {
    if (closing) return closeAfter(res);
    answering.add(res);
    res.once('close', () => answering.delete(res));
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const res of answering) closeAfter(res);
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
