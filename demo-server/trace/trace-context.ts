import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../protocol.ts';
import type { Run } from '../runs/run.ts';
import type { RequestingActor } from '../vocabulary.ts';

/** While an app handles a request of a run: which run and exchange, which app is working, and who started it all. */
export interface TraceContext {
  run: Run;
  /** The app making outgoing calls (Store or Forums). */
  actor: Actor;
  /** Who sent the request the app is handling. */
  root: RequestingActor;
  /** The exchange the app is handling: the cause of its calls. */
  cause: number;
}

export const traceContext = new AsyncLocalStorage<TraceContext>();
