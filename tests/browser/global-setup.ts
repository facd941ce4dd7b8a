/**
 * Once per run of the browser tests: build the widget and the console, start
 * a real local collector (`wrangler dev --env dev`, its own D1 in a temp dir,
 * migrations applied, the demo site seeded) and the host-page server on
 * another origin. Tests get both
 * origins through `inject()`.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWidget } from '../../widget/build';
import { buildConsole } from '../../console/build';
import { startCollector } from './collector';
import { startHost } from './host';
import { CHROMIUM } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    collector: string;
    host: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing. Install it with: apt-get install -y chromium`);
  }
  await buildWidget();
  await buildConsole();

  const collector = await startCollector();
  const collectorOrigin = collector.origin;
  const host = await startHost(collectorOrigin);

  project.provide('collector', collectorOrigin);
  project.provide('host', host.origin);

  return async () => {
    await host.close();
    await collector.stop();
  };
}
