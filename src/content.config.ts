/**
 * Two views of the same `content/` folder:
 *  - `docs`: every page, for Starlight (routing, sidebar, search);
 *  - `workflows`: the workflow articles only, validated strictly against
 *    the workflow schema, and used by the index, diagrams and step checks.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { workflowSchema } from './schemas/workflow.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: ['**/*.{md,mdx}', '!partials/**', '!**/README.md'] }),
    schema: docsSchema(),
  }),
  workflows: defineCollection({
    loader: glob({ base: './content/workflows', pattern: '*/*.mdx' }),
    schema: workflowSchema,
  }),
};
