/**
 * Astro integration: before anything is built, every workflow must be registered everywhere
 * (`problems.ts`). `astro build` stops with the list; `astro dev` warns, so an article can be
 * written before its demo.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { checkRegistration } from './units.ts';

export function workflowRegistration(): AstroIntegration {
  return {
    name: 'workflow-registration',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const problems = checkRegistration(fileURLToPath(config.root));
        if (problems.length === 0) return;
        if (command === 'dev') {
          for (const problem of problems) logger.warn(problem);
          return;
        }
        throw new AstroError(
          `Workflows missing a part:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
          'A workflow is its article, its diagram, its demo definition and its walkthrough, all at <app-type>/<slug>: see content/README.md, "Adding a workflow".',
        );
      },
    },
  };
}
