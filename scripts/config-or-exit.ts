import { ConfigError, loadConfig, type Config } from '../server/platform/config.js';

/** The configuration, or one line per bad variable on stderr and exit code 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.problems) console.error(`gardeline: ${line}`);
    process.exit(2);
  }
}
