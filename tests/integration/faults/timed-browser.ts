import { Browser, type Answer, type RequestOptions, type TestWorld } from '../demo/harness.ts';

export interface Timing {
  url: string;
  latencyMs: number;
  /** Null when the request failed in transport (refused, reset) and got no answer. */
  status: number | null;
}

/** The harness's reader's browser, reporting how long each of its requests took and how it ended. */
export class TimedBrowser extends Browser {
  readonly #observe: (timing: Timing) => void;

  constructor(world: TestWorld, observe: (timing: Timing) => void, localAddress?: string) {
    super(world, localAddress);
    this.#observe = observe;
  }

  override async request(method: string, url: string, options?: RequestOptions): Promise<Answer> {
    const started = performance.now();
    const done = (status: number | null) => this.#observe({ url, latencyMs: performance.now() - started, status });
    try {
      const answer = await super.request(method, url, options);
      done(answer.status);
      return answer;
    } catch (error) {
      done(null);
      throw error;
    }
  }
}
