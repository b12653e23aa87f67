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

export interface AddinRouteOptions {
  /**
   * Serve the bundles' source maps (*.map). Off unless asked for: in production they would hand anyone the
   * add-in's original source; a developer running locally may turn them on.
   */
  sourceMaps?: boolean;
}

/** The path as the file server will read it (it decodes %XX), so `.m%61p` is a .map too. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function registerAddinRoutes(server: Server, api: ApiConfig, options: AddinRouteOptions = {}): void {
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
    (req, res, next) => {
      if (!options.sourceMaps && decodedPath(req.getPath()).toLowerCase().endsWith('.map')) {
        res.send(404, { code: 'not_found', message: 'Source maps are not served here.' });
        return next(false);
      }
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
