/// <reference types="astro/client" />

declare module 'virtual:diagrams' {
  const catalog: import('./lib/diagrams/catalog.ts').DiagramCatalog;
  export default catalog;
}

// `tsc` alone cannot read .astro files (astro check can); give it their outline.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
