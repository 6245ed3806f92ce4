// The `orienteur` command, run for real as a child process (`node bin/orienteur.mjs …`).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEMO_DIR = join(ROOT, "knowledge/demo-nievre");
/** One command's run, however loaded the machine; each command also waits for a free slot first. */
const TIMEOUT_MS = 60_000;
/**
 * At most this many commands at once: each loads the base (one to three seconds of CPU), and twenty
 * started together on two cores took longer than any timeout. The slots keep each run short.
 */
const SLOTS = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `orienteur <args>` from the project folder. */
function launch(args: string[]): ChildProcessWithoutNullStreams {
  // The demo base unless the test says otherwise, whatever the developer's shell exports.
  const env = { ...process.env };
  delete env.ORIENTEUR_KB;
  const child = spawn(process.execPath, ["bin/orienteur.mjs", ...args], { cwd: ROOT, env, timeout: TIMEOUT_MS });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  return child;
}

/** Runs `orienteur <args>` to the end, with `input` on its standard input. */
function run(args: string[], input = ""): Promise<Run> {
  return slot(() => new Promise((resolve, reject) => {
    const child = launch(args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  }));
}

/** Runs `orienteur <args>` and reads its standard output as JSON. */
async function runJson<T>(args: string[]): Promise<{ code: number | null; json: T }> {
  const { code, stdout, stderr } = await run(args);
  if (stdout.trim() === "") throw new Error(`no output (exit ${code}): ${stderr}`);
  return { code, json: JSON.parse(stdout) as T };
}

interface OrientationJson {
  question: string;
  lieu: { code: string; nom: string; type: string } | null;
  besoins: { id: string; libelle: string }[];
  resultats: { id: string; nom: string; score: number; raisons: string[]; generaliste: boolean }[];
  clarification: string | null;
}

interface SiglesJson {
  sigles: { sigle: string; developpements: { forme_longue: string; definition: string }[] }[];
  inconnus: string[];
  suggestions?: string[];
}

// Each run loads the base in a fresh process (about a second): the runs go in parallel.
// The runs queue for their slot: a test's time includes the wait.
describe.concurrent("the orienteur command", { timeout: 180_000 }, () => {
  describe("orienteur ask --json", () => {
    let clamecy: Run;
    let nevers: OrientationJson;

    beforeAll(async () => {
      [clamecy, nevers] = await Promise.all([
        run(["ask", "portage de repas à Clamecy", "--json"]),
        runJson<OrientationJson>(["ask", "hébergement d'urgence à Nevers", "--json"]).then((r) => r.json),
      ]);
    }, 180_000);

    it("prints exactly the stable keys of the public JSON contract", () => {
      expect(clamecy.code).toBe(0);
      const keys = Object.keys(JSON.parse(clamecy.stdout) as object);
      expect(keys.sort()).toEqual(["besoins", "clarification", "groupes", "lieu", "lieux_possibles", "publics", "question", "remarques", "resultats", "sigles", "situation", "urgences"]);
    });

    it("describes the place found in the question by code, name and type", () => {
      const answer = JSON.parse(clamecy.stdout) as OrientationJson;
      expect(answer.lieu).toEqual({ code: "58079", nom: "Clamecy", type: "commune" });
    });

    it("lists each result with its id, name, score, reasons and whether it is generalist", () => {
      const answer = JSON.parse(clamecy.stdout) as OrientationJson;
      const first = answer.resultats[0];
      expect(first?.id).toBe("portage-repas-haut-nivernais");
      expect(Object.keys(first ?? {}).sort()).toEqual(["generaliste", "id", "nom", "raisons", "score"]);
      expect(first?.nom).toBe("Portage de repas du Haut Nivernais - Val d'Yonne");
      expect(first?.score).toBeTypeOf("number");
      expect(first?.raisons).toContain("intervient à Clamecy");
      expect(first?.generaliste).toBe(false);
    });

    it("lists the results best first", () => {
      const scores = nevers.resultats.map((r) => r.score);
      expect(scores.length).toBeGreaterThan(2);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(nevers.resultats[0]?.id).toBe("siao-115-nievre");
    });

    it("gives `lieu: null` and asks for the place when the question names none", async () => {
      const { json: answer } = await runJson<OrientationJson>(["ask", "portage de repas", "--json"]);
      expect(answer.lieu).toBeNull();
      expect(answer.resultats).toEqual([]);
      expect(answer.besoins.map((b) => b.id)).toEqual(["portage-repas"]);
      expect(answer.clarification).toMatch(/^Dans quelle commune vit la personne \?/);
    });

    it("uses --lieu when the question names no place", async () => {
      const { code, json: answer } = await runJson<OrientationJson>(["ask", "portage de repas", "--lieu", "Decize", "--json"]);
      expect(code).toBe(0);
      expect(answer.lieu?.nom).toBe("Decize");
      expect(answer.resultats[0]?.id).toBe("portage-repas-sud-nivernais");
    });
  });

  describe("orienteur ask", () => {
    it("exits with 2 and an example when the question is empty", async () => {
      const { code, stdout, stderr } = await run(["ask", ""]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain('Posez une question entre guillemets, par exemple : orienteur ask "portage de repas à Clamecy"');
    });

    it("answers like the chats: a question about a sigle gets its meaning, not a list of services", async () => {
      const { code, stdout } = await run(["ask", "c'est quoi un DAC ?"]);
      expect(code).toBe(0);
      expect(stdout).toContain("Dispositif d'appui à la coordination");
      expect(stdout).not.toContain("Précisez la commune");
    });

    it("exits with 2 when --lieu names no known place", async () => {
      const { code, stderr } = await run(["ask", "portage de repas", "--lieu", "Atlantide"]);
      expect(code).toBe(2);
      expect(stderr).toContain("Lieu introuvable : « Atlantide »");
    });

    it("exits with 1 and says so in French when --kb points to a missing folder", async () => {
      const missing = join(tmpdir(), "orienteur-base-qui-n-existe-pas");
      const { code, stderr } = await run(["ask", "portage de repas à Clamecy", "--kb", missing]);
      expect(code).toBe(1);
      expect(stderr).toContain(`${missing} : dossier introuvable : vérifiez le chemin passé à --kb ou ORIENTEUR_KB`);
    });
  });

  describe("orienteur sigle and sigles", () => {
    it("explains one sigle in JSON", async () => {
      const { code, json: answer } = await runJson<SiglesJson>(["sigle", "DAC", "--json"]);
      expect(code).toBe(0);
      expect(answer.sigles).toHaveLength(1);
      expect(answer.sigles[0]?.sigle).toBe("DAC");
      expect(answer.sigles[0]?.developpements[0]?.forme_longue).toBe("Dispositif d'appui à la coordination des parcours de santé complexes");
      expect(answer.inconnus).toEqual([]);
    });

    it("reads the text piped on standard input when none is given, and a text starting with « - »", async () => {
      const [piped, dashed] = await Promise.all([run(["sigles", "--json"], "Le CCAS et la MDPH."), run(["sigles", "- le DAC et le SSIAD", "--json"])]);
      expect((JSON.parse(piped.stdout) as SiglesJson).sigles.map((s) => s.sigle)).toEqual(["CCAS", "MDPH"]);
      expect(dashed.code).toBe(0);
      expect((JSON.parse(dashed.stdout) as SiglesJson).sigles.map((s) => s.sigle)).toEqual(["DAC", "SSIAD"]);
    });

    it("explains every sigle of a text in JSON and lists those it does not know", async () => {
      const { code, json: answer } = await runJson<SiglesJson>(["sigles", "Le DAC travaille avec le SSIAD et le ZZQX.", "--json"]);
      expect(code).toBe(0);
      expect(answer.sigles.map((s) => s.sigle)).toEqual(["DAC", "SSIAD"]);
      for (const sigle of answer.sigles) {
        expect(sigle.developpements.length).toBeGreaterThan(0);
        for (const d of sigle.developpements) expect(d).toMatchObject({ forme_longue: expect.any(String), definition: expect.any(String) });
      }
      expect(answer.sigles[1]?.developpements[0]?.forme_longue).toBe("Service de soins infirmiers à domicile");
      expect(answer.inconnus).toEqual(["ZZQX"]);
    });

    it("answers from the base as it is now after the base was edited, and refuses it once broken", async () => {
      // The second command reads the base from the cache the first one left: an edit must show.
      const dir = mkdtempSync(join(tmpdir(), "orienteur-cli-edited-"));
      try {
        cpSync(DEMO_DIR, dir, { recursive: true });
        const before = await runJson<SiglesJson>(["sigle", "DAC", "--json", "--kb", dir]);
        expect(before.json.sigles[0]?.developpements[0]?.forme_longue).toBe("Dispositif d'appui à la coordination des parcours de santé complexes");
        const file = join(dir, "sigles", "autonomie.yaml");
        writeFileSync(file, readFileSync(file, "utf8").replace('"Dispositif d\'appui à la coordination des parcours de santé complexes"', '"Dispositif d\'appui à la coordination (renommé)"'));
        const after = await runJson<SiglesJson>(["sigle", "DAC", "--json", "--kb", dir]);
        expect(after.json.sigles[0]?.developpements[0]?.forme_longue).toBe("Dispositif d'appui à la coordination (renommé)");
        writeFileSync(file, "- sigle: DAC\n  developpements: pas une liste\n");
        const broken = await run(["sigle", "DAC", "--kb", dir]);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain("sigles/autonomie.yaml");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("orienteur help and mistakes", () => {
    it("prints the French help and exits with 0 on --help", async () => {
      const { code, stdout } = await run(["--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain("orienteur — qui s'occupe de ce besoin, ici ?");
      expect(stdout).toContain("Utilisation :");
      expect(stdout).toContain("orienteur kb check [--json]");
    });

    it("exits with 2 and names the unknown command in French", async () => {
      const { code, stderr } = await run(["frobnique"]);
      expect(code).toBe(2);
      expect(stderr).toContain("Commande inconnue : « frobnique ».");
      expect(stderr).toContain("Utilisation :");
    });
  });

  describe("orienteur kb check", () => {
    it("accepts the demo base and exits with 0", async () => {
      const { code, stdout } = await run(["kb", "check", "--kb", DEMO_DIR]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/base valide \(\d+ services/);
    });

    describe("on a base with two mistakes in one service file", () => {
      const file = "services/autonomie/portage-repas-haut-nivernais.yaml";
      let dir: string;
      let lines: string[];

      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), "orienteur-cli-kb-"));
        cpSync(DEMO_DIR, dir, { recursive: true });
        const original = readFileSync(join(dir, file), "utf8");
        const broken = original.replace('zone_eligibilite: ["200067429"]', 'zone_eligibilite: ["58999"]').replace("besoins: [portage-repas]", "besoins: [portage-repa]");
        expect(broken).toContain('zone_eligibilite: ["58999"]');
        expect(broken).toContain("besoins: [portage-repa]");
        writeFileSync(join(dir, file), broken);
        lines = broken.split("\n");
      });

      afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
      });

      const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;

      it("exits with 1 and reports both mistakes at once, each with file, line and field", async () => {
        const { code, json: report } = await runJson<{ valide: boolean; erreurs: number; problemes: { severity: string; file: string; line: number; field: string; message: string }[] }>(["kb", "check", "--json", "--kb", dir]);
        expect(code).toBe(1);
        expect(report.valide).toBe(false);
        expect(report.erreurs).toBe(2);
        expect(report.problemes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ severity: "erreur", file, line: lineOf("besoins:"), field: "besoins[0]", message: expect.stringContaining("vouliez-vous dire « portage-repas »") }),
            expect.objectContaining({ severity: "erreur", file, line: lineOf("zone_eligibilite:"), field: "zone_eligibilite[0]", message: expect.stringContaining("« 58999 » n'est pas un code commune INSEE") }),
          ]),
        );
      });

      it("prints one located line per mistake without --json", async () => {
        const { code, stderr } = await run(["kb", "check", "--kb", dir]);
        expect(code).toBe(1);
        expect(stderr).toContain(`${file}:${lineOf("besoins:")}:`);
        expect(stderr).toContain(`${file}:${lineOf("zone_eligibilite:")}:`);
        expect(stderr).toContain("2 erreurs, 0 avertissement.");
      });
    });
  });

  describe("orienteur chat", () => {
    it("answers each line piped on its input, follow-ups included", async () => {
      const { stdout } = await run(["chat"], "portage de repas à Clamecy\net à Decize ?\n");
      expect(stdout).toContain("Portage de repas du Haut Nivernais");
      expect(stdout).toContain("Portage de repas du Sud Nivernais");
    });

    it("exits with 0 when its input ends (Ctrl-D)", async () => {
      const { code, stdout } = await run(["chat"], "portage de repas à Clamecy\n");
      expect(stdout).toContain("Portage de repas du Haut Nivernais");
      expect(code).toBe(0);
    });

    it("understands « et à Decize ? » typed after the first answer, and stops on « quitter »", async () => {
      const child = launch(["chat"]);
      let stdout = "";
      const waiters: { text: string; resolve: () => void }[] = [];
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        for (const waiter of waiters) if (stdout.includes(waiter.text)) waiter.resolve();
      });
      const printed = (text: string) => new Promise<void>((resolve) => (stdout.includes(text) ? resolve() : waiters.push({ text, resolve })));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

      // Piped input gets no "> " prompt (it would clutter the output); the banner says it is ready.
      await printed("Ctrl-D pour sortir");
      child.stdin.write("portage de repas à Clamecy\n");
      await printed("Portage de repas du Haut Nivernais");
      child.stdin.write("et à Decize ?\n");
      await printed("Portage de repas du Sud Nivernais");
      child.stdin.write("quitter\n");
      expect(await exited).toBe(0);
    });
  });
});
