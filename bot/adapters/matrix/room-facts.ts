// What the adapter needs to know about a room to describe a message truthfully: who is joined
// (a direct conversation is a room of exactly two), who may change its settings (power levels),
// and who sent an earlier event (is a reply addressed to the bot?). After a restart the SDK only
// receives what changed since the saved sync token, so its room state can be incomplete: these
// facts are asked of the homeserver once per room, kept, and forgotten when the room's membership
// or power levels change.
import type { MatrixClient, Room } from "matrix-js-sdk";
import { keepRecent } from "../../../knowledge/util/bounded-map.ts";

export interface RoomFacts {
  /** User ids of the joined members. */
  members(roomId: string): Promise<Set<string>>;
  /** Whether `userId` may change the room's settings (power level at least `state_default`, 50 by default). */
  isAdmin(room: Room, userId: string): Promise<boolean | undefined>;
  /** Sender of an event of the room, or undefined when it cannot be read. */
  senderOf(room: Room, eventId: string): Promise<string | undefined>;
  /** Remembers an event the bot sent, so that replies to it need no request. */
  rememberSent(eventId: string): void;
  /** Forgets the cached facts of a room after a state change of `type`. */
  forget(roomId: string, type: string): void;
}

interface PowerLevels {
  users?: Record<string, number>;
  users_default?: number;
  state_default?: number;
}

export function createRoomFacts(client: MatrixClient, botUserId: string, maxRooms = 5_000): RoomFacts {
  const members = new Map<string, Promise<Set<string>>>();
  const powerLevels = new Map<string, Promise<PowerLevels | undefined>>();
  const sentByBot = new Set<string>();
  const senders = new Map<string, string | undefined>();

  function cached<T>(map: Map<string, Promise<T>>, roomId: string, load: () => Promise<T>): Promise<T> {
    const known = map.get(roomId);
    if (known) return known;
    const loading = load().catch((error: unknown) => {
      map.delete(roomId);
      throw error;
    });
    return keepRecent(map, roomId, loading, maxRooms);
  }

  return {
    members: (roomId) =>
      cached(members, roomId, async () => new Set(Object.keys((await client.getJoinedRoomMembers(roomId)).joined ?? {}))),

    async isAdmin(room, userId) {
      const roomId = room.roomId;
      const levels = await cached(powerLevels, roomId, async () => {
        const live = room.currentState.getStateEvents("m.room.power_levels", "");
        if (live) return live.getContent<PowerLevels>();
        try {
          return (await client.getStateEvent(roomId, "m.room.power_levels", "")) as PowerLevels;
        } catch (error) {
          if ((error as { errcode?: string }).errcode === "M_NOT_FOUND") return undefined;
          throw error;
        }
      });
      if (!levels) return undefined;
      const level = levels.users?.[userId] ?? levels.users_default ?? 0;
      return level >= (levels.state_default ?? 50);
    },

    async senderOf(room, eventId) {
      if (sentByBot.has(eventId)) return botUserId;
      if (senders.has(eventId)) return senders.get(eventId);
      const local = room.findEventById(eventId)?.getSender();
      if (local) return local;
      try {
        const event = await client.fetchRoomEvent(room.roomId, eventId);
        return keepRecent(senders, eventId, event.sender, 10_000);
      } catch {
        return keepRecent(senders, eventId, undefined, 10_000);
      }
    },

    rememberSent(eventId) {
      sentByBot.add(eventId);
      if (sentByBot.size > 10_000) sentByBot.delete(sentByBot.values().next().value!);
    },

    forget(roomId, type) {
      if (type === "m.room.member") members.delete(roomId);
      if (type === "m.room.power_levels") powerLevels.delete(roomId);
    },
  };
}
