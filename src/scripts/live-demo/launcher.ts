/**
 * The only live-demo code a reader loads up front: it asks whether a demo server
 * is there and offers the lab, which is downloaded when the reader opens it.
 * On a static host it leaves the one-sentence explanation in place.
 */
import type { DemoStatus } from '../../../demo-server/protocol.ts';

export async function setUpLiveDemo(): Promise<void> {
  const launcher = document.querySelector<HTMLElement>('[data-live-demo]');
  const figure = document.querySelector<HTMLElement>('[data-workflow-diagram]');
  if (!launcher || !figure) return;
  const workflow = launcher.dataset['workflow']!;
  const demoOrigin = launcher.dataset['demoOrigin'];
  if (demoOrigin && demoOrigin !== location.origin) {
    show(launcher, 'remote');
    launcher.querySelector<HTMLAnchorElement>('[data-live-remote]')!.href = `${demoOrigin}${location.pathname}#live`;
    return;
  }
  const status = await fetchStatus();
  if (!status?.identityProvider) return;
  if (!status.workflows.includes(workflow)) {
    show(launcher, 'missing');
    return;
  }
  show(launcher, 'ready');
  const button = launcher.querySelector<HTMLButtonElement>('[data-live-open]')!;
  let lab: import('./lab.ts').Lab | undefined;
  const open = async (claimStep?: number) => {
    button.disabled = true;
    const { Lab } = await import('./lab.ts');
    lab ??= new Lab(figure, workflow);
    button.disabled = false;
    await lab.open(claimStep);
  };
  button.addEventListener('click', () => open());
  // Each proven claim in the prose can open the lab too, pointing at the step that shows it.
  document.querySelectorAll<HTMLButtonElement>('[data-claim-run]').forEach((claim) => {
    claim.hidden = false;
    const step = Number(claim.parentElement?.querySelector<HTMLElement>('[data-proof-step]')?.dataset['proofStep']);
    claim.addEventListener('click', () => open(step || undefined));
  });
  if (location.hash === '#live') void open();
}

function show(launcher: HTMLElement, state: 'ready' | 'missing' | 'remote'): void {
  launcher.querySelectorAll<HTMLElement>('[data-live-state]').forEach((el) => (el.hidden = el.dataset['liveState'] !== state));
}

async function fetchStatus(): Promise<DemoStatus | undefined> {
  try {
    const response = await fetch('/__demo/status.json', { signal: AbortSignal.timeout(3000) });
    return response.ok && response.headers.get('content-type')?.includes('json') ? ((await response.json()) as DemoStatus) : undefined;
  } catch {
    return undefined;
  }
}
