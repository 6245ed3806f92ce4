// The `orienteur` command: parses arguments and dispatches to one small function per command.
import { parseArgs } from "node:util";
import { CLI_HELP } from "./help.ts";
import type { CommandOptions } from "./commands/options.ts";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The text piped on standard input (`… | orienteur sigles`), or undefined at a terminal. */
  input?: () => Promise<string | undefined>;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  input: async () => {
    if (process.stdin.isTTY) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

type Command = (rest: string[], options: CommandOptions, io: CliIo) => Promise<number>;

/**
 * Every command, by the name typed. A command's module is imported only when it runs: `--help`
 * loads none, `sigle` no newsletter, mail or SQLite module (each costs tenths of a second to load).
 */
const COMMANDS: Record<string, Command> = {
  ask: async (rest, options, io) => (await import("./commands/questions.ts")).runAsk(rest.join(" "), options, io),
  sigle: async (rest, options, io) => (await import("./commands/sigles.ts")).runSigle(rest.join(" "), options, io),
  sigles: async (rest, options, io) => (await import("./commands/sigles.ts")).runSigles(rest.join(" "), options, io),
  chat: async (_rest, options, io) => (await import("./commands/chat.ts")).runChat(options, io),
  serve: async (_rest, options, io) => (await import("./commands/serve.ts")).runServe(options, io),
  kb: async (rest, options, io) => (await import("./commands/kb.ts")).runKb(rest, options, io),
  signalements: async (rest, options, io) => (await import("./commands/feedback.ts")).runSignalements(rest, options, io),
  "besoins-non-couverts": async (rest, options, io) => (await import("./commands/feedback.ts")).runUnmetNeeds(rest, options, io),
  newsletter: async (rest, options, io) => (await import("./commands/newsletter.ts")).runNewsletter(rest, options, io),
  lettre: async (rest, options, io) => (await import("./commands/newsletter.ts")).runNewsletter(rest, options, io),
  abonnes: async (rest, options, io) => (await import("./commands/abonnes.ts")).runAbonnes(rest, options, io),
  "abonnés": async (rest, options, io) => (await import("./commands/abonnes.ts")).runAbonnes(rest, options, io),
};

/** Commands that read nothing of the configuration but the base's folder (checking the rest costs a third of `sigle`'s start). */
const BASE_ONLY = new Set(["ask", "sigle", "sigles", "chat"]);

/** An argument that starts with « - » but is no option (« - Le DAC et le SSIAD ») is text. */
const OPTION_SHAPE = /^(?:--?[A-Za-z][A-Za-z-]*(?:=.*)?|--)$/s;

/** Runs the CLI with the given arguments and environment variables; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  // `campagne` reads its own options (--besoin, --territoire): see bot/cli/commands/campagne.ts.
  if (argv[0] === "campagne") return (await import("./commands/campagne.ts")).runCampagne(argv.slice(1), io, { env });
  let parsed;
  // parseArgs would read « - Le DAC… » as options: such texts are set aside and put back after.
  const texts = new Map<string, string>();
  try {
    const args = argv.map((arg, index) => {
      if (!arg.startsWith("-") || OPTION_SHAPE.test(arg)) return arg;
      const placeholder = `\u0000${index}`;
      texts.set(placeholder, arg);
      return placeholder;
    });
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        kb: { type: "string" },
        lieu: { type: "string" },
        json: { type: "boolean", default: false },
        port: { type: "string" },
        host: { type: "string" },
        out: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        test: { type: "string" },
        structures: { type: "string" },
        date: { type: "string" },
        tous: { type: "boolean", default: false },
        note: { type: "string" },
        depuis: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`Option non reconnue : ${(error as Error).message.replace(/^.*?'(.*?)'.*$/s, "$1")}\n\n${CLI_HELP}`);
    return 2;
  }
  const { values } = parsed;
  const positionals = parsed.positionals.map((arg) => texts.get(arg) ?? arg);
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help" || command === "aide") {
    io.out(CLI_HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    io.err(`Commande inconnue : « ${command} ».\n\n${CLI_HELP}`);
    return 2;
  }
  // The configuration is read once, here, and handed to the command (problems are its to report).
  // Imported here, not above: checking it loads zod, which `--help` does without, and so do the
  // commands that need only the base's folder (--kb, else ORIENTEUR_KB).
  let config, configProblems, kb = values.kb;
  if (BASE_ONLY.has(command)) kb ??= (await import("../server/config/base-folder.ts")).readBaseFolder(env);
  else ({ config, problems: configProblems } = (await import("../server/config.ts")).readConfig(env));
  const options: CommandOptions = { config, configProblems, kb, lieu: values.lieu, json: values.json, port: values.port, host: values.host, out: values.out, dryRun: values["dry-run"], test: values.test, structures: values.structures, date: values.date, tous: values.tous, note: values.note, depuis: values.depuis };
  try {
    return await run(rest, options, io);
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
}
