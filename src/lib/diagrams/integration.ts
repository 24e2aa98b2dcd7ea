/**
 * Astro integration: renders every diagram once, before any page is built,
 * and hands the results to pages through a virtual module. In `astro dev`
 * it re-renders when a diagram or fragment changes and reloads the page.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { buildCatalog, type DiagramCatalog } from './catalog.ts';

const MODULE_ID = 'virtual:diagrams';
const RESOLVED_ID = `\0${MODULE_ID}`;

export function diagrams(): AstroIntegration {
  let catalog: DiagramCatalog = {};
  let root = '';

  const plugin: Plugin = {
    name: 'diagrams-catalog',
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? `export default ${JSON.stringify(catalog)};` : undefined),
  };

  return {
    name: 'diagrams',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        catalog = await buildCatalog(root, { log: (message) => logger.info(message) });
        updateConfig({ vite: { plugins: [plugin] } });
      },
      'astro:server:setup': ({ server, logger }) => {
        const diagramsDir = path.join(root, 'diagrams');
        server.watcher.add(diagramsDir);
        server.watcher.on('all', async (_event, file) => {
          if (!file.startsWith(diagramsDir) || !file.endsWith('.mmd')) return;
          try {
            catalog = await buildCatalog(root, { log: (message) => logger.info(message) });
            reload(server);
          } catch (error) {
            logger.error(error instanceof Error ? error.message : String(error));
          }
        });
      },
    },
  };
}

function reload(server: ViteDevServer): void {
  for (const environment of Object.values(server.environments)) {
    const module = environment.moduleGraph.getModuleById(RESOLVED_ID);
    if (module) environment.moduleGraph.invalidateModule(module);
  }
  server.ws.send({ type: 'full-reload' });
}
