// Start-up checks of the Matrix account: which user the access token belongs to (`/account/whoami`),
// with every failure turned into a French message that names the variable to fix.
import { ConnectionError, createClient, HTTPError, MatrixError, MemoryStore } from "matrix-js-sdk";
import { matrixTexts } from "./texts.ts";

export interface Account {
  userId: string;
  deviceId?: string | undefined;
}

/** Why a request failed, for an operator: an error code or a network cause, never a payload. */
export function describeFailure(error: unknown): string {
  if (error instanceof MatrixError) return `${error.httpStatus ?? "?"} ${error.errcode ?? error.name}`;
  if (error instanceof HTTPError) return String(error.httpStatus);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** The start-up error an operator reads for a failed `whoami`. */
function startupError(server: string, error: unknown): Error {
  if (error instanceof MatrixError) {
    const status = error.httpStatus ?? 0;
    if (status === 401 || status === 403 || error.errcode === "M_UNKNOWN_TOKEN" || error.errcode === "M_MISSING_TOKEN") {
      return new Error(matrixTexts.tokenRefused(server, status, error.errcode ?? "M_UNKNOWN_TOKEN"), { cause: error });
    }
    return new Error(matrixTexts.notMatrix(server, status), { cause: error });
  }
  if (error instanceof HTTPError) return new Error(matrixTexts.notMatrix(server, error.httpStatus), { cause: error });
  if (error instanceof ConnectionError || error instanceof TypeError) return new Error(matrixTexts.unreachable(server, describeFailure(error)), { cause: error });
  return new Error(matrixTexts.unreachable(server, describeFailure(error)), { cause: error });
}

/**
 * Asks the homeserver who the token belongs to; rejects with a French, actionable message.
 * @example const { userId } = await whoami("https://matrix.agent.tchap.gouv.fr", token, undefined, 30_000);
 */
export async function whoami(baseUrl: string, accessToken: string, configuredUserId: string | undefined, timeoutMs: number): Promise<Account> {
  if (!baseUrl) throw new Error(matrixTexts.missingHomeserver);
  if (!accessToken) throw new Error(matrixTexts.missingToken);
  const probe = createClient({ baseUrl, accessToken, store: new MemoryStore() });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      probe.whoami(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`pas de réponse en ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      }),
    ]);
    if (configuredUserId && configuredUserId !== answer.user_id) throw new Error(matrixTexts.userMismatch(configuredUserId, answer.user_id));
    return { userId: answer.user_id, deviceId: answer.device_id };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("MATRIX_USER_ID")) throw error;
    throw startupError(baseUrl, error);
  } finally {
    clearTimeout(timer);
    probe.stopClient();
  }
}
