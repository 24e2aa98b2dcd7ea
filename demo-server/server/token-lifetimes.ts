import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { resolveKickstart } from '../idp/kickstart.ts';
import type { RunSnapshot } from '../protocol.ts';

const KICKSTART_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'kickstart.json');

// FusionAuth's defaults when an application leaves them out.
const DEFAULT_JWT_SECONDS = 3600;
const DEFAULT_REFRESH_TOKEN_MINUTES = 43_200;

const applicationBody = z.object({
  application: z.object({
    jwtConfiguration: z
      .object({ timeToLiveInSeconds: z.number().int().positive().optional(), refreshTokenTimeToLiveInMinutes: z.number().int().positive().optional() })
      .optional(),
  }),
});

/**
 * Token lifetimes of an application, as the kickstart that configured both the embedded IdP and a
 * real FusionAuth sets them. The clock jumps and the panel's countdowns use these.
 */
export function tokenLifetimes(applicationId: string, env: Record<string, string | undefined>, kickstartPath = KICKSTART_PATH): RunSnapshot['lifetimes'] {
  const kickstart = resolveKickstart(JSON.parse(readFileSync(kickstartPath, 'utf8')), env);
  const request = kickstart.requests.find((entry) => entry.method === 'POST' && entry.url === `/api/application/${applicationId}`);
  if (!request) throw new Error(`${kickstartPath} creates no application ${applicationId}`);
  const jwt = applicationBody.parse(request.body).application.jwtConfiguration;
  return {
    jwtSeconds: jwt?.timeToLiveInSeconds ?? DEFAULT_JWT_SECONDS,
    refreshTokenSeconds: (jwt?.refreshTokenTimeToLiveInMinutes ?? DEFAULT_REFRESH_TOKEN_MINUTES) * 60,
  };
}
