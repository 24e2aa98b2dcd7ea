// Walked by tests/e2e/demo/spa-idp-different-domain.spec.ts.
export {};
