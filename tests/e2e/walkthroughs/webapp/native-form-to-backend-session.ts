// Walked by tests/e2e/demo/webapp-session.spec.ts.
export {};
