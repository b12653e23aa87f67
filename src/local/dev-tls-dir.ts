import { join } from 'node:path';

/** Where the dev tenant's certificate and key live in the data directory (its own file: no dev tenant code to load). */
export const devTlsDir = (dataDir: string) => join(dataDir, 'devtenant');
