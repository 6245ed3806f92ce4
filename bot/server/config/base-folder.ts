// How a variable's value is read (trimmed, empty = absent), and the base's folder read alone: the
// commands that need nothing else of the configuration (`ask`, `sigle`, `sigles`, `chat`) start
// without checking the rest, whose zod import costs about a third of `sigle`'s start.

/** `env[name]` trimmed; undefined when absent or blank. */
export function presentValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** ORIENTEUR_KB, as readConfig reads it into `Config.kb`. */
export function readBaseFolder(env: Record<string, string | undefined>): string | undefined {
  return presentValue(env, "ORIENTEUR_KB");
}
