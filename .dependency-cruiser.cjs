/**
 * Which module may import which: `npm run layers` (and `npm test`) checks every import of the demo
 * server, the site, the scripts and the tests against these rules, type-only imports included.
 * Each rule's name says what is wrong and its comment what to do instead.
 */

/**
 * The demo server, top to bottom. A module may import its own layer and the layers below it, never
 * one above. Shared words live at the bottom; features depend inward and add to them.
 */
const DEMO_LAYERS = [
  {
    name: 'entry',
    path: '^demo-server/(main|world|idp-process|server-process|stop-on-signals)\\.ts$',
    holds: 'main.ts, world.ts and the process helpers: they start the programs',
  },
  {
    name: 'server',
    path: '^demo-server/(server|proxy)/',
    holds: 'server/ and proxy/: what answers on each host (docs and panel API, apps, login proxy)',
  },
  { name: 'workflows', path: '^demo-server/workflows/', holds: 'workflows/: each runnable workflow picks its app, cookie policy and attacks' },
  {
    name: 'apps-and-hacker',
    path: '^demo-server/(apps|hacker)/',
    holds: 'apps/ (the Store and Forums variants) and hacker/ (the attacks and their client)',
  },
  { name: 'trace', path: '^demo-server/trace/', holds: "trace/: turns real requests into a run's exchanges" },
  { name: 'runs', path: '^demo-server/runs/', holds: "runs/: one reader's run, its user, clock, exchanges and browser tokens" },
  {
    name: 'configuration',
    path: '^demo-server/(config|hosts|idp-connection|kickstart|workflow-ids)\\.(ts|json)$',
    holds: 'config.ts, hosts.ts, idp-connection.ts, kickstart.ts and workflow-ids.ts: settings read once at start, and where each workflow\'s files live',
  },
  {
    name: 'vocabulary',
    path: '^demo-server/((protocol|vocabulary)\\.ts$|http/)',
    holds: "vocabulary.ts, protocol.ts and http/: shared types, constants and the browser's cookie rules",
  },
];

/** The embedded identity provider is a program of its own, reached only over HTTP. */
const IDP = '^demo-server/idp/';
/** What the identity provider shares with the demo: the kickstart it applies, and how to stop. */
const IDP_SHARES = '^demo-server/(kickstart\\.(ts|json)|stop-on-signals\\.ts)$';

/**
 * The site's build-time code, top to bottom (the reader's browser code, src/scripts/, stands apart).
 * dependency-cruiser does not parse .astro files: it sees what imports a component, not what a
 * component imports, which is the direction these rules guard.
 */
const SITE_LAYERS = [
  { name: 'components', path: '^src/components/', holds: 'src/components/: Astro components' },
  { name: 'lib', path: '^src/lib/', holds: 'src/lib/: build-time code (diagrams, steps)' },
  { name: 'schemas', path: '^src/schemas/', holds: 'src/schemas/: the article frontmatter schema' },
  { name: 'data', path: '^src/data/', holds: "src/data/: the series' vocabulary" },
];

const VOCABULARY = DEMO_LAYERS[DEMO_LAYERS.length - 1].path;
const either = (paths) => paths.map((path) => `(${path})`).join('|');

/** One rule per layer: nothing in it imports a layer above it. */
function downwardOnly(layers, what) {
  return layers.slice(1).map((layer, index) => {
    const above = layers.slice(0, index + 1);
    return {
      name: `${layer.name}-imports-only-lower-layers`,
      comment:
        `${layer.holds}. ${what} imports point downward only; the layers above are ${above.map((upper) => upper.holds.split(':')[0]).join('; ')}. ` +
        'Move what both sides need into this layer or one below it (shared types and constants into demo-server/vocabulary.ts), or pass it in as a parameter.',
      severity: 'error',
      from: { path: layer.path },
      to: { path: either(above.map((upper) => upper.path)) },
    };
  });
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'Two modules import each other, directly or through others (a type-only import counts too). ' +
        'Move what both need into a module below both of them, e.g. demo-server/vocabulary.ts, or src/data/.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...downwardOnly(DEMO_LAYERS.slice(0, -1), 'Demo server'),
    {
      name: 'vocabulary-imports-only-vocabulary',
      comment:
        `${DEMO_LAYERS[DEMO_LAYERS.length - 1].holds}. They sit under every layer and are bundled into the reader's browser, ` +
        'so they import only each other: no other demo-server module, no Node built-in, no package. Keep what needs more in a higher layer.',
      severity: 'error',
      from: { path: VOCABULARY },
      to: { pathNot: VOCABULARY },
    },
    {
      name: 'apps-must-not-import-the-hacker',
      comment: 'The Store and the Forums are the victims: they know nothing of the attacks. Put what both use in apps/ or lower.',
      severity: 'error',
      from: { path: '^demo-server/apps/' },
      to: { path: '^demo-server/hacker/' },
    },
    {
      name: 'every-demo-server-module-needs-a-layer',
      comment: 'This demo-server module is in no layer. Add its path to one of DEMO_LAYERS in .dependency-cruiser.cjs (or put it in a folder that has one).',
      severity: 'error',
      from: { path: '^demo-server/', pathNot: either([...DEMO_LAYERS.map((layer) => layer.path), IDP]) },
      to: {},
    },
    {
      name: 'idp-imports-only-idp-and-the-kickstart',
      comment:
        'The embedded identity provider is its own program, a stand-in for FusionAuth: it may share only demo-server/kickstart.ts ' +
        '(the configuration it applies) and stop-on-signals.ts. Anything else it needs belongs in idp/.',
      severity: 'error',
      from: { path: IDP },
      to: { path: '^demo-server/', pathNot: either([IDP, IDP_SHARES]) },
    },
    {
      name: 'demo-server-must-not-import-the-idp',
      comment:
        'The demo reaches the identity provider only over HTTP, through @fusionauth/typescript-client (idp-connection.ts), ' +
        'so that a real FusionAuth can take its place. Shared configuration goes in demo-server/kickstart.ts.',
      severity: 'error',
      from: { path: '^(demo-server|src)/', pathNot: IDP },
      to: { path: IDP },
    },
    ...downwardOnly(SITE_LAYERS, 'Site'),
    {
      name: 'browser-code-imports-only-browser-code',
      comment:
        "src/scripts/ runs in the reader's browser: it imports only src/scripts/ and the demo server's vocabulary " +
        '(protocol.ts, vocabulary.ts, http/), never build-time code (src/lib/, src/data/), Node built-ins or server modules. ' +
        'Move shared pure code into src/scripts/ or the demo-server vocabulary.',
      severity: 'error',
      from: { path: '^src/scripts/' },
      to: { pathNot: either(['^src/scripts/', VOCABULARY]) },
    },
    {
      name: 'site-reads-only-demo-settings',
      comment:
        'The site build may quote the demo settings (demo-server/kickstart.ts, the session timeouts in apps/session-store.ts), ' +
        'find workflows as the demo does (demo-server/workflow-ids.ts) and use its vocabulary, never import the running demo server. ' +
        'Expose the value through one of those modules.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/scripts/' },
      to: { path: '^demo-server/', pathNot: either([VOCABULARY, '^demo-server/(kickstart\\.(ts|json)|workflow-ids\\.ts)$', '^demo-server/apps/session-store\\.ts$']) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a circle through types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|\\.astro|\\.test-projects)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.json', '.d.ts'],
    },
  },
};
