import { buildAddin } from '../../scripts/build-addin.js';

/** The add-in's pages, bundled once for the run, as `npm run build` does for a deployment. */
export async function setup(): Promise<void> {
  await buildAddin({ minify: false });
}
