/**
 * The registration rules of a workflow, in one place: every article has a diagram, and, unless its
 * frontmatter says why it has no live demo, a demo definition and a walkthrough; no demo definition
 * or walkthrough exists without an article. Pure: `units.ts` reads the project.
 */

/** What exists for each workflow id (`<app-type>/<slug>`). */
export interface WorkflowUnits {
  /** Articles, with the reason their frontmatter gives for having no live demo (`noLiveDemo`). */
  articles: ReadonlyMap<string, { noLiveDemo?: string | undefined }>;
  diagrams: ReadonlySet<string>;
  demos: ReadonlySet<string>;
  walkthroughs: ReadonlySet<string>;
}

interface Part {
  name: string;
  files: keyof Omit<WorkflowUnits, 'articles'>;
  path: (id: string) => string;
  /** Whether the part belongs to the live demo, and so is not wanted of an article without one. */
  live: boolean;
  create: string;
}

export const articlePath = (id: string) => `content/workflows/${id}.mdx`;

const PARTS: readonly Part[] = [
  { name: 'diagram', files: 'diagrams', path: (id) => `diagrams/${id}.mmd`, live: false, create: 'compose it from diagrams/fragments/ (see diagrams/README.md)' },
  {
    name: 'demo definition',
    files: 'demos',
    path: (id) => `demo-server/workflows/${id}.ts`,
    live: true,
    create: '`export default defineWorkflow({ … })` from the app, session and attack builders (see demo-server/README.md, "Adding a workflow")',
  },
  {
    name: 'walkthrough',
    files: 'walkthroughs',
    path: (id) => `tests/e2e/walkthroughs/${id}.ts`,
    live: true,
    create: 'walk every step of the article and its attacks in the live lab',
  },
];

const NO_LIVE_DEMO = "or, if it cannot run live, say why in its frontmatter: `noLiveDemo: '<one sentence>'`";

/** Every way the project's workflows break the rules, one sentence each naming the workflow, the file and what to do. */
export function registrationProblems(units: WorkflowUnits): string[] {
  const problems: string[] = [];
  for (const [id, { noLiveDemo }] of units.articles) {
    for (const part of PARTS) {
      const exists = units[part.files].has(id);
      if (!exists && !(part.live && noLiveDemo)) {
        problems.push(`${id}: no ${part.name}. Create ${part.path(id)}: ${part.create}${part.live ? `; ${NO_LIVE_DEMO}` : ''}.`);
      }
      if (exists && part.live && noLiveDemo) {
        problems.push(`${id}: ${articlePath(id)} says it has no live demo (noLiveDemo), but ${part.path(id)} exists. Remove noLiveDemo from the frontmatter, or remove the file.`);
      }
    }
  }
  for (const part of PARTS.filter((p) => p.live)) {
    for (const id of units[part.files]) {
      if (!units.articles.has(id)) problems.push(`${id}: ${part.path(id)} has no article. Write ${articlePath(id)}, or remove the ${part.name}.`);
    }
  }
  return problems;
}
