/** Exchanges and Set-Cookie headers as the demo records them, for tests of what the browser keeps. */
import type { Exchange, SetCookie } from '../../demo-server/protocol.ts';

export const setCookie = (name: string, attributes: Partial<SetCookie> = {}): SetCookie => ({ name, value: `${name}-value`, httpOnly: true, secure: false, raw: `${name}=…`, ...attributes });

export interface AnswerOptions {
  request?: Partial<Exchange['request']>;
  setCookies?: SetCookie[];
  /** When the browser received the answer (real time, ms). */
  receivedAt?: number;
  /** How far the run's clock is ahead of real time. */
  offsetSeconds?: number;
}

/** A browser's request to `url` and the 200 it got back. */
export function browserAnswer(url: string, { request = {}, setCookies = [], receivedAt = Date.now(), offsetSeconds = 0 }: AnswerOptions = {}): Exchange {
  return {
    id: 1,
    startedAt: receivedAt - 10,
    clockOffsetSeconds: offsetSeconds,
    from: 'Browser',
    to: 'IdP',
    method: 'POST',
    url,
    request: { cookies: {}, params: {}, ...request },
    response: { status: 200, setCookies, durationMs: 10 },
  };
}
