/**
 * Runs `stop` once on Ctrl-C or SIGTERM, then exits: 0 when it finished cleanly, 1 when it threw.
 * Returns the same handler for other reasons to stop.
 */
export function stopOnSignals(stop: () => Promise<void>): () => void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal);
  return onSignal;
}
