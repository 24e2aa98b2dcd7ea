// Walked by tests/e2e/demo/spa-backend.spec.ts.
export {};
