// Walked by tests/e2e/demo/webapp-session-refresh-token.spec.ts.
export {};
