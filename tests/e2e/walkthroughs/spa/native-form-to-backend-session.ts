// Walked by tests/e2e/demo/spa-backend-session.spec.ts.
export {};
