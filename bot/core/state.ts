// What the conversation core needs from outside to decide about a message: a room's default place,
// the messages already handled, and a way to subscribe someone. The core defines these; the SQLite
// store and the newsletter's subscription service implement them, and the server wires them in.
import type { Platform } from "./contract.ts";

/** A room's default place, as a place reference (`commune`, `58079`). */
export interface RoomPlace {
  type: string;
  code: string;
}

/** State kept across messages and restarts. */
export interface BotState {
  roomPlace(platform: Platform, room: string): RoomPlace | undefined;
  setRoomPlace(platform: Platform, room: string, place: RoomPlace | undefined): void;
  /** Records a platform message id; false when it was already seen (a redelivery). */
  markSeen(platform: Platform, id: string): boolean;
}

/** The `abonner` command's way in: asks for a confirmation e-mail, and says what happened, in French. */
export interface Subscriptions {
  request(email: string, preferences: Record<string, never>, source: Platform): Promise<{ message: string }>;
}
