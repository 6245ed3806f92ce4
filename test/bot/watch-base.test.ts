// The live base under every way editors and deployments change files, with real files in a temp
// folder: after each change, the answer served must change. The fingerprint safety net is off
// except in its own test, so that each editing style is seen by the watch events themselves.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/server/logger.ts";
import { watchBase, type BaseWatcher, type WatchOptions } from "../../bot/server/watch-base.ts";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import { MINI_DIR } from "../helpers/bases.ts";
import { waitFor } from "../helpers/wait.ts";

const SERVICE = join("services", "portage-clamecy.yaml");
const ORIGINAL = "Portage de repas du Clamecycois";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temp folder holding copies of the fixture base at the given names (relative paths). */
function workspace(...bases: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "orienteur-watch-"));
  for (const base of bases) cpSync(MINI_DIR, join(root, base), { recursive: true });
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** The base in `dir` with the Clamecy meal service renamed. */
function renamed(dir: string, name: string): string {
  return readFileSync(join(dir, SERVICE), "utf8").replace(/^nom: .*$/m, `nom: ${name}`);
}

interface Live {
  served: () => string | undefined;
  watcher: BaseWatcher;
  logs: Record<string, unknown>[];
}

/** Serves the base at `kb` as the server does: load, then watch and swap. */
async function live(kb: string, options: Partial<WatchOptions> = {}): Promise<Live> {
  let current: Orienteur = createOrienteur(await loadKnowledge(kb));
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const watcher = watchBase(kb, { swap: (next) => (current = next), notifyEditors: async () => {}, logger: createLogger({ level: "info", destination }) }, { debounceMs: 100, fingerprintEveryMs: 0, ...options });
  cleanups.unshift(() => watcher.close());
  await watcher.ready;
  return { served: () => current.orient("portage de repas à Clamecy").resultats[0]?.service.nom, watcher, logs };
}

async function expectServed(base: Live, name: string): Promise<void> {
  await waitFor(() => base.served() === name, `« ${name} » to be served`, 10_000);
  expect(base.served()).toBe(name);
}

describe("the live base, whatever the editing style", () => {
  it("reloads three successive atomic saves of the same file (temporary file renamed over it)", async () => {
    const kb = join(workspace("base"), "base");
    const base = await live(kb);
    expect(base.served()).toBe(ORIGINAL);
    for (const name of ["Repas du Clamecycois A", "Repas du Clamecycois B", "Repas du Clamecycois C"]) {
      const temporary = join(kb, "services", `.portage-clamecy.yaml.${name.at(-1)}.tmp`);
      writeFileSync(temporary, renamed(kb, name));
      renameSync(temporary, join(kb, SERVICE));
      await expectServed(base, name);
    }
  });

  it("reloads successive edits made with sed -i", async () => {
    const kb = join(workspace("base"), "base");
    const base = await live(kb);
    execFileSync("sed", ["-i", `s/^nom: .*/nom: Repas sed un/`, join(kb, SERVICE)]);
    await expectServed(base, "Repas sed un");
    execFileSync("sed", ["-i", `s/^nom: .*/nom: Repas sed deux/`, join(kb, SERVICE)]);
    await expectServed(base, "Repas sed deux");
  });

  it("reloads saves made as vim makes them (original renamed to a backup, new file written, backup removed)", async () => {
    const kb = join(workspace("base"), "base");
    const base = await live(kb);
    for (const name of ["Repas vim un", "Repas vim deux"]) {
      const file = join(kb, SERVICE);
      const text = renamed(kb, name);
      writeFileSync(join(kb, "services", "4913"), "");
      unlinkSync(join(kb, "services", "4913"));
      renameSync(file, `${file}~`);
      writeFileSync(file, text);
      unlinkSync(`${file}~`);
      await expectServed(base, name);
    }
  });

  it("reloads saves made as JetBrains editors make them (safe write)", async () => {
    const kb = join(workspace("base"), "base");
    const base = await live(kb);
    for (const name of ["Repas JetBrains un", "Repas JetBrains deux"]) {
      const file = join(kb, SERVICE);
      writeFileSync(`${file}___jb_tmp___`, renamed(kb, name));
      renameSync(file, `${file}___jb_old___`);
      renameSync(`${file}___jb_tmp___`, file);
      unlinkSync(`${file}___jb_old___`);
      await expectServed(base, name);
    }
  });

  it("reloads a file deleted and created again, and a file added in a new folder", async () => {
    const kb = join(workspace("base"), "base");
    const base = await live(kb);
    const text = renamed(kb, "Repas recréé");
    unlinkSync(join(kb, SERVICE));
    writeFileSync(join(kb, SERVICE), text);
    await expectServed(base, "Repas recréé");
    // The service moves into a new sub-folder; later saves there are seen too.
    mkdirSync(join(kb, "services", "clamecy"));
    renameSync(join(kb, SERVICE), join(kb, "services", "clamecy", "portage.yaml"));
    await waitFor(() => base.logs.some((l) => l.outcome === "watch-rearmed" && l.reason === "folders changed"), "the watch to re-arm");
    writeFileSync(join(kb, "services", "clamecy", "portage.yaml"), text.replace("Repas recréé", "Repas rangé"));
    await expectServed(base, "Repas rangé");
  });

  it("picks up a base folder replaced by a rename, then later saves in the new folder", async () => {
    const root = workspace("base", "base.new");
    const kb = join(root, "base");
    const base = await live(kb);
    writeFileSync(join(root, "base.new", SERVICE), renamed(join(root, "base.new"), "Repas nouvelle version"));
    renameSync(kb, join(root, "base.old"));
    renameSync(join(root, "base.new"), kb);
    await expectServed(base, "Repas nouvelle version");
    expect(base.logs.some((l) => l.outcome === "watch-rearmed" && l.rootReplaced === true)).toBe(true);
    writeFileSync(join(kb, SERVICE), renamed(kb, "Repas après remplacement"));
    await expectServed(base, "Repas après remplacement");
    // The old folder is no longer the base: a change there is not served.
    writeFileSync(join(root, "base.old", SERVICE), renamed(join(root, "base.old"), "Repas de l'ancien dossier"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(base.served()).toBe("Repas après remplacement");
  });

  it("picks up a symlink switch (ln -s release-2 tmp && mv -T tmp current), then later saves in the new release", async () => {
    const root = workspace("release-1", "release-2");
    symlinkSync("release-1", join(root, "current"));
    const kb = join(root, "current");
    const base = await live(kb);
    writeFileSync(join(root, "release-2", SERVICE), renamed(join(root, "release-2"), "Repas version 2"));
    symlinkSync("release-2", join(root, "tmp"));
    execFileSync("mv", ["-T", join(root, "tmp"), kb]);
    await expectServed(base, "Repas version 2");
    writeFileSync(join(root, "release-2", SERVICE), renamed(join(root, "release-2"), "Repas version 2 corrigée"));
    await expectServed(base, "Repas version 2 corrigée");
  });

  it("catches by its fingerprint a change no event reports (a symlink switched above the base folder)", async () => {
    const root = workspace("release-1/base", "release-2/base");
    symlinkSync("release-1", join(root, "current"));
    const kb = join(root, "current", "base");
    const base = await live(kb, { fingerprintEveryMs: 200 });
    writeFileSync(join(root, "release-2", "base", SERVICE), renamed(join(root, "release-2", "base"), "Repas vu par l'empreinte"));
    symlinkSync("release-2", join(root, "tmp"));
    execFileSync("mv", ["-T", join(root, "tmp"), join(root, "current")]);
    await expectServed(base, "Repas vu par l'empreinte");
    expect(base.logs.some((l) => l.outcome === "fingerprint-changed")).toBe(true);
    expect(base.logs.filter((l) => l.outcome === "reloaded").at(-1)).toMatchObject({ reloads: expect.any(Number) });
  });
});
