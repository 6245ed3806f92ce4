// The `orienteur` command: parses arguments and dispatches to one small function per command.
import { parseArgs } from "node:util";
import { CLI_HELP } from "./help.ts";
import { runAsk, runSigle, runSigles } from "./commands/questions.ts";
import { runChat } from "./commands/chat.ts";
import { runKb } from "./commands/kb.ts";
import { runServe } from "./commands/serve.ts";
import { runNewsletter } from "./commands/newsletter.ts";
import { runSignalements, runUnmetNeeds } from "./commands/feedback.ts";

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

/** An argument that starts with « - » but is no option (« - Le DAC et le SSIAD ») is text. */
const OPTION_SHAPE = /^(?:--?[A-Za-z][A-Za-z-]*(?:=.*)?|--)$/s;

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  // `campagne` reads its own options (--besoin, --territoire): see bot/cli/commands/campagne.ts.
  if (argv[0] === "campagne") return (await import("./commands/campagne.ts")).runCampagne(argv.slice(1), io);
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
  const options = { kb: values.kb, lieu: values.lieu, json: values.json, port: values.port, host: values.host, out: values.out, dryRun: values["dry-run"], test: values.test, structures: values.structures, date: values.date, tous: values.tous, note: values.note, depuis: values.depuis };
  try {
    switch (command) {
      case "ask":
        return await runAsk(rest.join(" "), options, io);
      case "sigle":
        return await runSigle(rest.join(" "), options, io);
      case "sigles":
        return await runSigles(rest.join(" "), options, io);
      case "chat":
        return await runChat(options, io);
      case "serve":
        return await runServe(options, io);
      case "kb":
        return await runKb(rest, options, io);
      case "signalements":
        return await runSignalements(rest, options, io);
      case "besoins-non-couverts":
        return await runUnmetNeeds(rest, options, io);
      case "newsletter":
      case "lettre":
        return await runNewsletter(rest, options, io);
      case "abonnes":
      case "abonnés":
        // Loaded on demand: the other commands need none of the sending side.
        return await (await import("./commands/abonnes.ts")).runAbonnes(rest, options, io);
      default:
        io.err(`Commande inconnue : « ${command} ».\n\n${CLI_HELP}`);
        return 2;
    }
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
}
