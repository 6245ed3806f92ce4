// Starts Orienteur: loads the base, then the local web page (and, later, each chat platform
// whose credentials are set). Stops gracefully on SIGINT/SIGTERM.
import type { AddressInfo } from "node:net";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { createConversation } from "../core/conversation.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createWebServer } from "./web.ts";

export interface ServerOptions {
  kb: string;
  port: number;
  host: string;
  logger?: Logger;
  /** Handle SIGINT/SIGTERM (true); tests turn it off. */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  baseName: string;
  /** Resolves once the server has stopped. */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** Loads the base and starts the servers; rejects with a French error if the base is invalid or the port taken. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const started = performance.now();
  const orienteur = createOrienteur(await loadKnowledge(options.kb));
  const conversation = createConversation(orienteur);
  logger.info({ services: orienteur.base.services.length, ms: Math.round(performance.now() - started) }, "knowledge base loaded");

  const web = createWebServer({ conversation: () => conversation, orienteur: () => orienteur, logger });
  await new Promise<void>((resolve, reject) => {
    web.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `Le port ${options.port} est déjà utilisé : choisissez-en un autre avec --port ou ORIENTEUR_PORT.` : `Le serveur web n'a pas pu démarrer : ${error.message}`)),
    );
    web.listen(options.port, options.host, resolve);
  });
  const address = web.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${address.port}`;
  logger.info({ platform: "web", url }, "web page ready");

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      logger.info("stopping");
      // Answers in flight finish; kept-alive connections are closed as soon as they fall idle.
      const sweep = setInterval(() => web.closeIdleConnections(), 50);
      const force = setTimeout(() => web.closeAllConnections(), 5000);
      web.close(() => {
        clearInterval(sweep);
        clearTimeout(force);
        resolve();
      });
      web.closeIdleConnections();
    }).then(() => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      logger.info("stopped");
      resolveClosed();
    });
    return stopping;
  };
  if (options.handleSignals ?? true) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  return { url, baseName: orienteur.base.info.nom, closed, stop };
}
