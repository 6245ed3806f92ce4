// Child process of `npm run bench`, section 7: newsletter render time, and send throughput for
// 10 000 recipients through the sending engine, beside a bare nodemailer loop to the same sink.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { openStore } from "../bot/store/store.ts";
import { loadKnowledge } from "../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../knowledge/orienteur.ts";
import { composeIssue } from "../newsletters/compose/compose-issue.ts";
import { loadIssue } from "../newsletters/load-issue.ts";
import { personalize } from "../newsletters/render/personalize.ts";
import { renderIssue } from "../newsletters/render/render-issue.ts";
import { createDeliveryRepository } from "../newsletters/send/deliveries.ts";
import { createMessageBuilder } from "../newsletters/send/message.ts";
import { runSend } from "../newsletters/send/send-loop.ts";
import { createSmtpMailer } from "../newsletters/send/transport.ts";
import { createSubscriberRepository } from "../newsletters/subscribers/repository.ts";

export const NEWSLETTER_PREFIX = "NEWSLETTER_RESULT ";
const RECIPIENTS = Number(process.argv[2] ?? 10_000);
const CONNECTIONS = 4;
const root = fileURLToPath(new URL("..", import.meta.url));

const orienteur = createOrienteur(await loadKnowledge(join(root, "knowledge/demo-nievre")));
const { issue } = await loadIssue(join(root, "newsletters/issues/2026-12.yaml"), orienteur);
const model = composeIssue(issue, orienteur, { since: "2026-11-02" });
await renderIssue(model, { webUrl: "https://orienteur.example.org/lettres/2.html" });
const renders: number[] = [];
let rendered = await renderIssue(model, { webUrl: "https://orienteur.example.org/lettres/2.html" });
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  rendered = await renderIssue(model, { webUrl: "https://orienteur.example.org/lettres/2.html" });
  renders.push(performance.now() - started);
}
const renderMs = renders.sort((a, b) => a - b)[Math.floor(renders.length / 2)]!;
// One render, personalised for a thousand recipients (the work per subscriber, without sending).
const personalizeStarted = performance.now();
for (let i = 0; i < 1000; i++) personalize(rendered, { prenom: `Abonné ${i}`, lien_desinscription: "https://orienteur.example.org/d/abc", lien_preferences: "https://orienteur.example.org/p/abc" });
const personalizeMs = performance.now() - personalizeStarted;

const sink = spawn(process.execPath, ["--import", "tsx", join(root, "bench/smtp-sink-child.ts")], { stdio: ["pipe", "pipe", "inherit"] });
const lines: string[] = [];
const nextLine = (prefix: string) =>
  new Promise<string>((resolve) => {
    const check = () => {
      const found = lines.find((l) => l.startsWith(prefix));
      if (found) {
        lines.splice(lines.indexOf(found), 1);
        resolve(found.slice(prefix.length));
      } else setTimeout(check, 10);
    };
    check();
  });
sink.stdout.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
const smtpUrl = `smtp://127.0.0.1:${await nextLine("PORT ")}`;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

// The baseline: nodemailer alone, same pool, same message size, no database, no personalisation.
const bare = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: CONNECTIONS, maxMessages: 100 } as Parameters<typeof nodemailer.createTransport>[0]);
let next = 0;
const bareStarted = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (next < RECIPIENTS) {
      const i = next++;
      await bare.sendMail({ from: "lettre@example.org", to: `abonne${i}@example.org`, subject: rendered.subject, html: rendered.html, text: rendered.text });
    }
  }),
);
const bareSeconds = (performance.now() - bareStarted) / 1000;
bare.close();

// The engine: delivery rows in a real SQLite file, per-recipient links, list headers, one-sender lease,
// recipients re-checked just before sending.
const dir = mkdtempSync(join(tmpdir(), "orienteur-bench-envoi-"));
const store = openStore(join(dir, "state.sqlite"));
const subscribers = createSubscriberRepository(store.db);
store.db.transaction(() => {
  for (let i = 0; i < RECIPIENTS; i++) subscribers.confirm(subscribers.request({ email: `abonne${i}@example.org`, source: "bench" }).id);
})();
const deliveries = createDeliveryRepository(store.db);
deliveries.freeze("2", subscribers.confirmed().map((s) => ({ subscriberId: s.id, email: s.email, edition: "" })));
const build = createMessageBuilder("2", new Map([["", rendered]]), personalize, () => null, {
  baseUrl: "https://orienteur.example.org",
  secret: "b".repeat(40),
  listDomain: "example.org",
  unsubscribeMailbox: "desabonnement@example.org",
});
const mailer = createSmtpMailer({ smtpUrl, from: "Orienteur <lettre@example.org>", maxConnections: CONNECTIONS });
const engineStarted = performance.now();
// With every check of a real send: the lease renewed, each recipient's status and suppression read again just before sending.
const report = await runSend("2", deliveries, build, mailer, { ratePerSecond: 1e9, concurrency: CONNECTIONS, stillSubscribed: (id) => subscribers.byId(id)?.status === "confirme" });
const engineSeconds = (performance.now() - engineStarted) / 1000;
mailer.close();
clearInterval(sampler);
store.close();
rmSync(dir, { recursive: true, force: true });

sink.stdin.write("?\n");
const received = Number(await nextLine("RECEIVED "));
sink.stdin.end();

process.stdout.write(
  `${NEWSLETTER_PREFIX}${JSON.stringify({
    renderMs,
    personalizeMs,
    htmlKb: rendered.html.length / 1024,
    recipients: RECIPIENTS,
    bare: RECIPIENTS / bareSeconds,
    engine: report.sent / engineSeconds,
    sent: report.sent,
    received,
    peakRssMb: peakRss / 2 ** 20,
  })}\n`,
);
process.exit(0);
