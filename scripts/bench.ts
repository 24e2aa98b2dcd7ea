/**
 * `npm run bench`: the figures we track, printed for the record (no pass/fail).
 * `npm run bench -- site` (or idp, oauth, lighthouse, load, soak) runs one section.
 */
import { benchIdp } from './bench/idp-load.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { benchLoad, benchSoak } from './bench/load.ts';
import { benchOAuthLogins } from './bench/oauth-logins.ts';
import { benchSite } from './bench/site.ts';

const SECTIONS: Record<string, () => Promise<string[]>> = {
  site: benchSite,
  idp: async () => [await benchIdp()],
  oauth: async () => [await benchOAuthLogins()],
  lighthouse: benchLighthouse,
  load: benchLoad,
  soak: benchSoak,
};
// The soak takes five minutes and repeats the load at a lower rate, so a bare `npm run bench`
// skips it (and says so); `npm run bench -- soak` runs it.
const ONLY_WHEN_NAMED = new Set(['soak']);

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (wanted.length === 0 && ONLY_WHEN_NAMED.has(name)) {
    console.log(`\n━━ ${name}: skipped, run it with \`npm run bench -- ${name}\``);
    continue;
  }
  console.log(`\n━━ ${name} ━━`);
  console.log((await run()).join('\n'));
}
