import type { LoginResponse } from '@fusionauth/typescript-client';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppProfile } from './app-profiles.ts';
import type { AppServices } from './app-services.ts';

/** The credentials a native form sends to its app's backend. */
export const credentials = z.object({
  loginId: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});

export type LoginOutcome = { ok: true; login: LoginResponse } | { ok: false; status: ContentfulStatusCode; message: string };

/** What the app tells the user after a failed attempt, by the Login API's answer. */
const LOGIN_FAILURES: Record<number, { status: ContentfulStatusCode; message: string }> = {
  404: { status: 401, message: 'That email and password do not match an account.' },
  423: { status: 423, message: 'Too many failed attempts: this account is locked for a few minutes.' },
  202: { status: 403, message: 'This account is not registered for this application.' },
};

/** The backend's half of a native login: the credentials go to the identity provider's Login API with the app's id. */
export async function logInAtIdp(services: AppServices, profile: AppProfile, form: z.output<typeof credentials>): Promise<LoginOutcome> {
  let login: { statusCode: number; response: LoginResponse };
  try {
    login = await services.client.login({ loginId: form.loginId, password: form.password, applicationId: profile.applicationId });
  } catch (failure) {
    const known = LOGIN_FAILURES[(failure as { statusCode?: number }).statusCode ?? 0];
    return known ? { ok: false, ...known } : { ok: false, status: 502, message: 'The identity provider could not be reached. Try again.' };
  }
  if (login.statusCode === 200 && login.response.token) return { ok: true, login: login.response };
  return { ok: false, ...(LOGIN_FAILURES[login.statusCode] ?? { status: 502, message: 'The identity provider did not log you in.' }) };
}
