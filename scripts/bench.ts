/**
 * `npm run bench`: the figures we track, printed for the record (no pass/fail).
 * `npm run bench -- site` (or idp, oauth, lighthouse, load) runs one section.
 */
import { benchIdp } from './bench/idp-load.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { benchLoad } from './bench/load.ts';
import { benchOAuthLogins } from './bench/oauth-logins.ts';
import { benchSite } from './bench/site.ts';

const SECTIONS: Record<string, () => Promise<string[]>> = {
  site: benchSite,
  idp: async () => [await benchIdp()],
  oauth: async () => [await benchOAuthLogins()],
  lighthouse: benchLighthouse,
  load: benchLoad,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  console.log((await run()).join('\n'));
}
