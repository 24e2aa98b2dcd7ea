// @ts-check
import { existsSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { diagrams } from './src/lib/diagrams/integration.ts';
import { workflowRegistration } from './src/lib/registration/integration.ts';
import { APP_TYPES } from './src/data/taxonomy.ts';

// One sidebar group per app type that has articles; new articles join their group by themselves.
// Starlight matches `autogenerate` directories against each entry's file path, which starts at content/.
const workflowGroups = Object.entries(APP_TYPES)
  .filter(([appType]) => existsSync(`content/workflows/${appType}`))
  .map(([appType, label]) => ({ label, items: [{ autogenerate: { directory: `content/workflows/${appType}` } }] }));

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4400',
  // Keep page scripts in files: cacheable across pages, and allowed by a CSP without 'unsafe-inline'.
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro's own MDX modules carry this directive on purpose; the bundler's notice about it is noise.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    workflowRegistration(),
    diagrams(),
    starlight({
      title: 'Login Workflows',
      description: 'Every way a browser or app logs a user in, explained step by step, drawn as a sequence diagram, and runnable live.',
      customCss: ['./src/styles/site.css', './src/styles/diagram.css', './src/styles/live-demo.css'],
      sidebar: [
        {
          label: 'Start here',
          items: [
            { label: 'What this site is', link: '/' },
            { label: 'Which workflow should I use?', link: '/workflows/choose/' },
            { label: 'All workflows', link: '/workflows/' },
            { label: 'Workflows compared', link: '/workflows/compare/' },
          ],
        },
        ...workflowGroups,
      ],
    }),
    mdx(),
  ],
});
