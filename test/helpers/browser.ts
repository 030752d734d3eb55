import { existsSync } from 'node:fs';

/** Where Debian and Ubuntu put Chromium; CHROMIUM_PATH overrides them. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The system Chromium the browser tests drive, or undefined when there is none. When
 * CHROMIUM_PATH is set only that path counts, so a run can point at another build (or at
 * nothing, to see the skip).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH !== undefined ? [env.CHROMIUM_PATH] : CHROMIUM_PATHS;
  return candidates.find((path) => path !== '' && existsSync(path));
}

/** Why a browser test cannot run here, in words for the skip note or the CI failure. */
export function noChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const looked = env.CHROMIUM_PATH !== undefined ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : CHROMIUM_PATHS.join(', ');
  return `no Chromium found (looked at ${looked}); install it with: apt-get install -y chromium`;
}
