// Walked by tests/e2e/demo/spa-backend-session-refresh-token.spec.ts.
export {};
