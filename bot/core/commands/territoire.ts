// « territoire [commune | aucun] »: shows, sets or clears the room's default place. Changing it is
// for room admins, editors, or anyone in a private chat.
import { plainAnswer } from "../build-answers.ts";
import { texts } from "../texts.ts";
import type { RoomHandler } from "./types.ts";

const CLEAR = /^(aucun|aucune|rien|effacer|supprimer)$/i;

export const territoire: RoomHandler = async (context, typed, env) => {
  const { message, direct, prefix } = context;
  if (typed === "") {
    const current = env.roomPlace();
    return plainAnswer(current ? texts.room.placeCurrent(current.nom, prefix, direct) : texts.room.placeNone(prefix, direct));
  }
  // Asked last: on Telegram, whether someone administers a group costs a request.
  const mayChange = direct || env.editors.includes(`${message.platform}:${message.author.id}`) || (await env.isRoomAdmin());
  if (!mayChange) return plainAnswer(texts.room.placeForbidden);
  if (CLEAR.test(typed)) {
    env.state.setRoomPlace(message.platform, message.room, undefined);
    return plainAnswer(texts.room.placeCleared(direct));
  }
  const place = env.orienteur.places.resolve(typed);
  if (!place) return plainAnswer(texts.room.placeUnknown(typed));
  env.state.setRoomPlace(message.platform, message.room, { type: place.type, code: place.code });
  return plainAnswer(texts.room.placeSet(place.nom, direct));
};
