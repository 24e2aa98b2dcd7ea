import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isWorkflowDefinition, type Workflow } from './workflow.ts';
import { workflowIdsIn } from '../workflow-ids.ts';

/**
 * Every workflow with a live demo, found on disk: each `<app-type>/<slug>.ts` in `folder`
 * default-exports `defineWorkflow({ … })`, and its path is the id of the article it runs. A file
 * that cannot be used stops the start, naming the file and what to do.
 */
export async function loadWorkflows(folder = import.meta.dirname): Promise<ReadonlyMap<string, Workflow>> {
  const workflows = new Map<string, Workflow>();
  for (const id of workflowIdsIn(folder, '.ts')) {
    const file = path.join(folder, `${id}.ts`);
    const shown = path.relative(process.cwd(), file);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new Error(`${shown}: the workflow's demo definition does not load: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!isWorkflowDefinition(exported)) {
      throw new Error(`${shown}: a demo definition must \`export default defineWorkflow({ app, idpCookies, jumps, attacks })\` (from workflows/workflow.ts)`);
    }
    workflows.set(id, { id, ...exported });
  }
  return workflows;
}
