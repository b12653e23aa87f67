import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApiConfig } from '../config/config.js';
import restify, { type Server } from '../platform/http.js';
import { API_SCOPE } from './access-token.js';

/**
 * The Outlook add-in's pages under /addin/ (built into dist/addin by scripts/build-addin.ts) and the
 * public settings they need to ask Entra ID for a token. Office loads these pages without credentials;
 * they hold no data, and every call they make to /api/ is authenticated.
 */

// src/api or dist/api: both two levels below the package root.
export const ADDIN_DIR = fileURLToPath(new URL('../../dist/addin/', import.meta.url));

export function registerAddinRoutes(server: Server, api: ApiConfig): void {
  server.get('/addin/config.json', (_req, res, next) => {
    res.header('Cache-Control', 'no-cache');
    res.send(200, {
      apiClientId: api.clientId,
      authority: `${api.authorityHost}/${api.tenantId}`,
      scope: `api://${api.clientId}/${API_SCOPE}`,
    });
    next();
  });
  server.get(
    '/addin/*',
    (_req, res, next) => {
      if (!existsSync(ADDIN_DIR)) {
        res.send(404, { code: 'addin_not_built', message: 'The add-in pages are not built: run npm run build.' });
        return next(false);
      }
      res.header('X-Content-Type-Options', 'nosniff');
      return next();
    },
    restify.plugins.serveStaticFiles(ADDIN_DIR, { maxAge: 300 }),
  );
}
