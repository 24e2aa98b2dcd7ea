// Walked by tests/e2e/demo/webapp-seed.spec.ts.
export {};
