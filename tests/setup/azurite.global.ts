import type { TestProject } from 'vitest/node';
import { freePort, startAzurite, type RunningAzurite } from '../../src/local/azurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuriteUrl: string;
  }
}

let azurite: RunningAzurite | undefined;

/** Starts a real, in-memory Azurite table service on a free port for the test run. */
export async function setup(project: TestProject): Promise<void> {
  for (let attempt = 1; !azurite; attempt++) {
    try {
      azurite = await startAzurite({ port: await freePort() });
    } catch (error) {
      // Another process may grab the port between probing and binding; try another one.
      if (attempt >= 3) throw error;
    }
  }
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuriteUrl', azurite.url);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}
