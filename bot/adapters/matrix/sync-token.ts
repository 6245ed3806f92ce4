// The sync token across restarts. matrix-js-sdk asks its store for a saved token before its first
// /sync: a MemoryStore that answers with the token kept in our SQLite store makes the SDK resume
// where the previous run stopped (`since`), so nothing sent while the bot was down is lost and
// nothing already seen is replayed. Only the token is kept: no room state, no message.
import { MemoryStore } from "matrix-js-sdk";

/** Store key of the sync token of one bot account. */
export const syncTokenKey = (userId: string): string => `matrix:sync_token:${userId}`;

/** An in-memory SDK store that resumes from a saved sync token. */
export class ResumingStore extends MemoryStore {
  public constructor(private readonly savedToken: string | undefined) {
    super();
  }

  public override getSavedSyncToken(): Promise<string | null> {
    return Promise.resolve(this.savedToken ?? null);
  }
}
