/** Typed calls to the demo server's /__demo/ routes (see demo-server/protocol.ts). */
import type { AttackKind, AttackResult, ClockJump, ClockState, DemoError, DemoStatus, EndReason, RunEvent, RunSnapshot, ScriptLoot } from '../../../demo-server/protocol.ts';

export class DemoApiError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`/__demo/${path}`, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as DemoError | undefined;
    throw new DemoApiError(body?.error ?? `The demo server answered ${response.status}.`, response.status);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const post = <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** The stream names each event by its type; a record, so a new type in protocol.ts cannot be missed here. */
const EVENT_TYPES: Record<RunEvent['type'], true> = { snapshot: true, request: true, response: true, clock: true, lure: true, ended: true };

export const demoApi = {
  status: () => call<DemoStatus>('status.json'),
  start: (workflow: string) => post<RunSnapshot>('runs', { workflow }),
  /** The browser's live run, or undefined when it has none. */
  current: () => call<RunSnapshot>('run').catch((error: unknown) => {
    if (error instanceof DemoApiError && error.status === 404) return undefined;
    throw error;
  }),
  end: (reason: Extract<EndReason, 'reset' | 'closed' | 'replaced'>) => call<void>(`run?reason=${reason}`, { method: 'DELETE' }),
  jump: (jump: ClockJump) => post<ClockState>('run/clock', { jump }),
  attack: (attack: AttackKind, loot?: ScriptLoot) => post<AttackResult>('run/attack', loot ? { attack, loot } : { attack }),
  /**
   * Subscribes to the run's events; returns a function that stops listening. `onError` learns whether
   * the browser gave up (the server refused the stream) or is reconnecting by itself.
   */
  events(onEvent: (event: RunEvent) => void, onError: (closed: boolean) => void): () => void {
    const source = new EventSource('/__demo/run/events');
    const handle = (message: MessageEvent<string>) => onEvent(JSON.parse(message.data) as RunEvent);
    source.addEventListener('message', handle);
    for (const type of Object.keys(EVENT_TYPES)) source.addEventListener(type, handle as EventListener);
    source.addEventListener('error', () => onError(source.readyState === EventSource.CLOSED));
    return () => source.close();
  },
};
