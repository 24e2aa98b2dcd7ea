import type { DatabaseSync } from 'node:sqlite';
import { ApplicationRepository } from './applications.ts';
import { AuthorizationCodeRepository } from './authorization-codes.ts';
import { ClockOffsetRepository } from './clock-offsets.ts';
import { openDatabase } from './database.ts';
import { RefreshTokenRepository } from './refresh-tokens.ts';
import { SettingsRepository } from './settings.ts';
import { SigningKeyRepository } from './signing-keys.ts';
import { SsoSessionRepository } from './sso-sessions.ts';
import { UserRepository } from './users.ts';

export interface Store {
  db: DatabaseSync;
  settings: SettingsRepository;
  signingKeys: SigningKeyRepository;
  applications: ApplicationRepository;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  authorizationCodes: AuthorizationCodeRepository;
  ssoSessions: SsoSessionRepository;
  clockOffsets: ClockOffsetRepository;
}

export function openStore(path: string, now: () => number): Store {
  const db = openDatabase(path);
  return {
    db,
    settings: new SettingsRepository(db),
    signingKeys: new SigningKeyRepository(db, now),
    applications: new ApplicationRepository(db),
    users: new UserRepository(db),
    refreshTokens: new RefreshTokenRepository(db),
    authorizationCodes: new AuthorizationCodeRepository(db),
    ssoSessions: new SsoSessionRepository(db),
    clockOffsets: new ClockOffsetRepository(db),
  };
}

/** Drops rows that can no longer be used by anyone, keeping the database bounded. */
export function purgeExpired(store: Store, realNow: number): void {
  store.refreshTokens.purgeExpired(realNow);
  store.authorizationCodes.purgeExpired(realNow);
  store.ssoSessions.purgeExpired(realNow);
}
