import { fileURLToPath } from 'node:url';
import { ADDIN_OUT, buildAddin } from '../src/local/addin-build.js';

/** `npm run build`'s second half: the add-in's pages into dist/addin (the build itself is in src/local, which npm start runs compiled). */
export { ADDIN_OUT, buildAddin };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildAddin();
  console.log(`add-in pages built into ${ADDIN_OUT}`);
}
