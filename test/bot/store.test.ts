import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-store-"));
  dirs.push(dir);
  return join(dir, "sub", "state.sqlite");
}

describe("the local state store (a real SQLite file)", () => {
  it("keeps values and room settings across a reopen, creating the folder", () => {
    const path = tempPath();
    const first = openStore(path);
    first.setValue("matrix:sync_token", "s72594_4483_1934");
    first.setRoomPlace("slack", "C123", { type: "commune", code: "58079" });
    first.close();
    const again = openStore(path);
    expect(again.getValue("matrix:sync_token")).toBe("s72594_4483_1934");
    expect(again.roomPlace("slack", "C123")).toEqual({ type: "commune", code: "58079" });
    again.setRoomPlace("slack", "C123", undefined);
    expect(again.roomPlace("slack", "C123")).toBeUndefined();
    again.close();
  });

  it("recognises a message id seen before, per platform, and forgets old ones", () => {
    const store = openStore(tempPath());
    expect(store.markSeen("telegram", "1:42", 1000)).toBe(true);
    expect(store.markSeen("telegram", "1:42", 2000)).toBe(false);
    expect(store.markSeen("slack", "1:42", 2000)).toBe(true);
    expect(store.pruneSeen(500, 2000)).toBe(1);
    expect(store.markSeen("telegram", "1:42", 3000)).toBe(true);
    store.close();
  });
});
