/**
 * The workflow article being rendered, for components used inside it
 * (intro, diagram, steps, APIs): they read the article's frontmatter instead
 * of taking props, so an article cannot pair itself with the wrong diagram or intro.
 */
import type { AstroGlobal } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import diagramCatalog from 'virtual:diagrams';
import type { RenderedDiagram } from './diagrams/catalog.ts';

export type WorkflowEntry = CollectionEntry<'workflows'>;

export async function currentWorkflow(astro: AstroGlobal): Promise<WorkflowEntry> {
  const page = astro.locals.starlightRoute.entry;
  const workflow = (await getCollection('workflows')).find((entry) => entry.filePath === page.filePath);
  if (!workflow) {
    throw new Error(`${page.filePath ?? page.id}: workflow components can only be used in content/workflows/<app-type>/<slug>.mdx articles`);
  }
  return workflow;
}

export function diagramOf(workflow: WorkflowEntry): RenderedDiagram {
  const diagram = diagramCatalog[workflow.data.diagram];
  if (!diagram) throw new Error(`${workflow.filePath}: diagram "${workflow.data.diagram}" was not rendered`);
  return diagram;
}
