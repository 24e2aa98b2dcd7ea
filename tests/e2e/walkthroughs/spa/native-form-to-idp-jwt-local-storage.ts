// Walked by tests/e2e/demo/spa-idp-local-storage.spec.ts.
export {};
