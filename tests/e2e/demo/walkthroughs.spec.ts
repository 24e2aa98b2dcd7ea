/** Every declared walkthrough, run live from its article until every arrow of its diagram is lit (walk-through.ts). */
import { test } from '@playwright/test';
import { workflowIdsIn } from '../../../demo-server/workflow-ids.ts';
import { WALKTHROUGHS, walkThrough } from './walk-through.ts';

for (const id of workflowIdsIn(WALKTHROUGHS, '.ts')) {
  test(`${id}: the reader's script lights every arrow with a real exchange`, async ({ page, context }) => {
    test.setTimeout(180_000);
    await walkThrough(page, context, id);
  });
}
