import type { AppProfile } from '../apps/app-profiles.ts';
import type { DemoHosts } from '../hosts.ts';
import type { AttackKind, AttackResult, ScriptLoot } from '../protocol.ts';
import type { Run, RunWorkflow } from '../runs/run.ts';
import type { AttackContext, AttackPlan } from './attack-plans.ts';
import type { Hacker } from './hacker-client.ts';

/** An attack that cannot be tried yet; the message tells the reader why. */
export class AttackNotPossible extends Error {}

export interface AttackSetting {
  hacker: Hacker;
  store: AppProfile;
  hosts: DemoHosts;
  hackerAccount: AttackContext['hackerAccount'];
  browserClientId: string;
}

/**
 * Carries out one of the run's attacks. One that replays a token copies it from the reader's browser
 * first: the one it holds at this moment, or, once it has deleted it, the copy the thief made while
 * it was there.
 */
export async function runAttack(run: Run<RunWorkflow<AttackPlan>>, kind: AttackKind, setting: AttackSetting, loot?: ScriptLoot): Promise<AttackResult> {
  const plan = run.workflow.attacks.find((attack) => attack.kind === kind);
  if (!plan) throw new AttackNotPossible('This workflow has no such attack.');
  const { hacker, store, hosts, hackerAccount, browserClientId } = setting;
  const stolen = plan.stolen ? run.browserTokens.held(new URL(hosts.origin(plan.stolen.sentTo)).hostname, plan.stolen.credential) : '';
  if (stolen === undefined) throw new AttackNotPossible(`Log in first: the hacker copies ${plan.stolen!.description}, and your browser has not held it yet.`);
  if (run.attackUnderWay) throw new AttackNotPossible('Another attack is still under way in this run.');
  const target = { store, clockOffsetSeconds: run.clockOffsetSeconds };
  const { result, exchangeIds } = await run.collectHackerExchanges(() => plan.carryOut({ hacker, stolen, target, hosts, run, hackerAccount, browserClientId, loot: loot ?? { tokens: [], refreshTokens: [] } }));
  return { attack: kind, succeeded: result.succeeded, summary: result.summary, exchangeIds };
}
