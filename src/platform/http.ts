import { createRequire } from 'node:module';
import type restifyModule from 'restify';

/**
 * restify 11 is the last line that runs on Node 20 (12 needs Node 22), but it requires `spdy` eagerly,
 * and spdy's http-deceiver calls process.binding('http_parser'), which Node 24 removed: loading restify
 * crashes there. SPDY is only used when a server is created with the `spdy` option, which this app never
 * does (App Service terminates TLS and HTTP/2), so `spdy` is satisfied with an empty module before
 * restify loads. Drop this file when the minimum Node version lets us move to restify 12.
 */
const require = createRequire(import.meta.url);
const spdyPath = createRequire(require.resolve('restify')).resolve('spdy');
require.cache[spdyPath] ??= Object.assign(Object.create(null) as NodeJS.Module, {
  id: spdyPath,
  filename: spdyPath,
  loaded: true,
  exports: {},
  children: [],
  paths: [],
});

const restify = require('restify') as typeof restifyModule;
export default restify;
export type { Request, Response, Next, Server } from 'restify';
