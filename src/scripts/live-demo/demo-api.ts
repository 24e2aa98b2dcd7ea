/** Typed calls to the demo server's /__demo/ routes (see demo-server/protocol.ts). */
import type { AttackKind, AttackResult, ClockJump, ClockState, DemoError, RunEvent, RunSnapshot } from '../../../demo-server/protocol.ts';

export class DemoApiError extends Error {}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`/__demo/${path}`, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as DemoError | undefined;
    throw new DemoApiError(body?.error ?? `The demo server answered ${response.status}.`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });

export const demoApi = {
  start: (workflow: string) => post<RunSnapshot>('runs', { workflow }),
  end: () => call<void>('run', { method: 'DELETE' }),
  jump: (jump: ClockJump) => post<ClockState>('run/clock', { jump }),
  attack: (attack: AttackKind) => post<AttackResult>('run/attack', { attack }),
  /** Subscribes to the run's events; returns a function that stops listening. */
  events(onEvent: (event: RunEvent) => void, onError: () => void): () => void {
    const source = new EventSource('/__demo/run/events');
    const handle = (message: MessageEvent<string>) => onEvent(JSON.parse(message.data) as RunEvent);
    source.addEventListener('message', handle);
    for (const type of ['snapshot', 'request', 'response', 'clock', 'ended']) source.addEventListener(type, handle as EventListener);
    source.addEventListener('error', onError);
    return () => source.close();
  },
};
