// « agenda »: the next events near the room's default place.
import { agendaAnswer } from "../agenda.ts";
import type { RoomHandler } from "./types.ts";

export const agenda: RoomHandler = (_context, _args, env) => agendaAnswer(env.orienteur, env.roomPlace(), new Date(env.now()).toISOString().slice(0, 10));
