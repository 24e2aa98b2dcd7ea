// Walked by tests/e2e/demo/spa-seed.spec.ts.
export {};
