import type { RequestingActor } from '../vocabulary.ts';
import type { Run } from './run.ts';

/** What the run middleware hands to the rest of an app or login host. */
export interface HostEnv {
  Variables: {
    run: Run;
    actor: RequestingActor;
  };
}

/** What a workflow's app receives with each request: the run it serves and who is asking. */
export interface AppBindings {
  Bindings: {
    run: Run;
    actor: RequestingActor;
  };
}
