/**
 * How a lab's run begins and ends. A browser holds one run at a time: its tabs share the run cookie
 * and the apps' cookies and storage. So a lab opened beside a live run of the same article joins it,
 * one opened for another article ends it, and a tab whose run another tab or the server ended says
 * why and offers one way on.
 */
import type { EndReason, RunSnapshot } from '../../../demo-server/protocol.ts';

/** Why this tab's run is gone: a reason the server announced, or `lost` when it vanished unannounced. */
export type EndCause = EndReason | 'lost';

/** What opening the lab does, given the browser's live run (if any). */
export function openingPlan(current: Pick<RunSnapshot, 'workflow'> | undefined, workflow: string): 'join' | 'replace' | 'start' {
  if (!current) return 'start';
  return current.workflow === workflow ? 'join' : 'replace';
}

/** The message a tab shows when its run ended without it, and the label of the button that carries on. */
export function endedNotice(cause: EndCause): { message: string; action: string } {
  const shared = 'Tabs of one browser share its cookies, so they share one run.';
  switch (cause) {
    case 'reset':
      return { message: `This run was reset from another tab or window of this browser. ${shared}`, action: 'Join the new run' };
    case 'closed':
      return { message: `This run was closed from another tab or window of this browser, which cleared its cookies. ${shared}`, action: 'Start a new run' };
    case 'replaced':
      return {
        message: `A live demo of another workflow started in another tab or window of this browser and ended this run. ${shared} A new run here ends that one.`,
        action: 'Start a new run here',
      };
    case 'expired':
      return { message: 'This run ended after a long pause with no activity, and its user was deleted.', action: 'Start a new run' };
    case 'evicted':
      return {
        message: 'This run had been idle for a while when the demo server needed its place for another reader, so it was ended and its user deleted.',
        action: 'Start a new run',
      };
    case 'shutdown':
      return { message: 'The demo server stopped, which ended this run. Start it again (npm start) before a new run.', action: 'Start a new run' };
    case 'lost':
      return { message: 'The demo server no longer knows this run: it was restarted, or the run ended while the connection was down.', action: 'Start a new run' };
  }
}

/**
 * Clears the apps' cookies and storage in this browser: each app host's /__demo/clear answers
 * `Clear-Site-Data: "cookies", "storage"` for its own origin, which a hidden frame loads (the docs may
 * frame the apps, not fetch from them). Resolves once every frame has loaded, or after `timeoutMs`.
 */
export async function clearAppHosts(appOrigins: readonly string[], timeoutMs = 5000): Promise<void> {
  await Promise.all(
    appOrigins.map(
      (origin) =>
        new Promise<void>((resolve) => {
          const frame = document.createElement('iframe');
          frame.hidden = true;
          frame.title = 'Clearing the app’s storage';
          const done = () => {
            window.clearTimeout(timer);
            frame.remove();
            resolve();
          };
          const timer = window.setTimeout(done, timeoutMs);
          frame.addEventListener('load', done, { once: true });
          frame.src = `${origin}/__demo/clear`;
          document.body.append(frame);
        }),
    ),
  );
}
