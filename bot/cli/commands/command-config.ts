// The configuration of the commands that use more than the base's folder. Apart from options.ts,
// which every command imports: checking the configuration loads zod, and `sigle` does without it.
import { readConfig, type Config } from "../../server/config.ts";
import type { CommandOptions } from "./options.ts";

/**
 * The configuration the CLI read; a command called directly (tests) reads it from `env`.
 * @example const config = configOf(options, context.env);
 */
export function configOf(options: CommandOptions, env: Record<string, string | undefined> = process.env): Config {
  return options.config ?? readConfig(env).config;
}
