/**
 * A temporary AWS home for tests of the SDK's own configuration paths: ~/.aws/config with profiles
 * (plain, legacy SSO `sso_start_url`, `sso_session`), and SSO token caches under ~/.aws/sso/cache,
 * named as the SDK looks them up: sha1 of the start URL (legacy) or of the session name.
 *
 *   const home = awsHome({ 'card-dev': { region: 'ap-northeast-2', sso: 'expired' } });
 *   home.apply();   // HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE set; AWS_* credentials and region unset
 *   …
 *   home.restore(); // environment back as it was, the directory removed
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProfileSpec {
  region?: string;
  /** An SSO profile whose cached token is valid or expired; 'session' uses an [sso-session] section. */
  sso?: 'expired' | 'valid';
  ssoStyle?: 'legacy' | 'session';
}

const START_URL = 'https://corp.awsapps.com/start';
const CLEARED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
];

export function awsHome(profiles: Record<string, ProfileSpec>) {
  const dir = mkdtempSync(join(tmpdir(), 'aws-home-'));
  const cache = join(dir, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  const lines: string[] = [];
  for (const [name, p] of Object.entries(profiles)) {
    lines.push(`[profile ${name}]`);
    if (p.region) lines.push(`region = ${p.region}`);
    if (p.sso) {
      lines.push('sso_account_id = 123456789012', 'sso_role_name = Dev');
      const token = {
        startUrl: START_URL,
        region: 'ap-northeast-2',
        accessToken: `token-${name}`,
        expiresAt: p.sso === 'expired' ? '2020-01-01T00:00:00Z' : new Date(Date.now() + 3600e3).toISOString(),
      };
      if (p.ssoStyle === 'session') {
        lines.push(`sso_session = ${name}-session`, '', `[sso-session ${name}-session]`, `sso_start_url = ${START_URL}`, 'sso_region = ap-northeast-2', 'sso_registration_scopes = sso:account:access');
        writeFileSync(join(cache, `${createHash('sha1').update(`${name}-session`).digest('hex')}.json`), JSON.stringify(token));
      } else {
        lines.push(`sso_start_url = ${START_URL}`, 'sso_region = ap-northeast-2');
        writeFileSync(join(cache, `${createHash('sha1').update(START_URL).digest('hex')}.json`), JSON.stringify(token));
      }
    }
    lines.push('');
  }
  writeFileSync(join(dir, '.aws', 'config'), lines.join('\n'));
  let saved: NodeJS.ProcessEnv | undefined;
  return {
    dir,
    apply() {
      saved = { ...process.env };
      for (const k of CLEARED) delete process.env[k];
      process.env.HOME = dir;
      process.env.AWS_CONFIG_FILE = join(dir, '.aws', 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, '.aws', 'credentials');
    },
    restore() {
      if (saved) process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
