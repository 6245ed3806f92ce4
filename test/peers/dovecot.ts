// A real IMAP server for tests: Dovecot (Debian's dovecot-imapd, installed by .ci/run) started on
// a free loopback port with its whole configuration, state and mail in a temporary folder, and one
// user from a passwd-file. Messages are put in the mailbox by IMAP APPEND, as a mail server would.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** imap://user:pass@127.0.0.1:port/INBOX, as ORIENTEUR_BOUNCE_IMAP_URL takes it. */
  url: string;
  stop(): Promise<void>;
}

const BINARY = "/usr/sbin/dovecot";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`Dovecot s'est arrêté au démarrage : ${readOptional(log)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot n'écoute pas sur le port ${port} : ${readOptional(log)}`);
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, "utf8").slice(-2000);
  } catch {
    return "(pas de journal)";
  }
}

/** Starts Dovecot with one user; throws (never skips) when it is not installed, so CI notices. */
export async function startDovecot(user = "retours@example.org", pass = "mot-de-passe-de-test"): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-dovecot-"));
  // Dovecot never delivers mail as root: as root, the mail belongs to « nobody », who must reach it.
  chmodSync(dir, 0o755);
  const me = userInfo();
  const mailUid = me.uid === 0 ? 65534 : me.uid;
  const mailGid = me.uid === 0 ? 65534 : me.gid;
  const home = join(dir, "home");
  mkdirSync(home);
  if (me.uid === 0) chownSync(home, mailUid, mailGid);
  const port = await freePort();
  const log = join(dir, "dovecot.log");
  writeFileSync(join(dir, "passwd"), `${user}:{PLAIN}${pass}\n`);
  const ownUsers = me.uid === 0 ? "" : `default_login_user = ${me.username}\ndefault_internal_user = ${me.username}\n`;
  writeFileSync(
    join(dir, "dovecot.conf"),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, "run")}
state_dir = ${join(dir, "state")}
log_path = ${log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
${ownUsers}mail_location = maildir:${home}/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, "passwd")}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${home}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child = spawn(BINARY, ["-F", "-c", join(dir, "dovecot.conf")], { stdio: "ignore" });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error) => reject(new Error(`Dovecot est introuvable (${error.message}) : installez-le avec « apt-get install -y --no-install-recommends dovecot-imapd ».`)));
  });
  await spawned;
  await waitForPort(port, child, log);
  return {
    host: "127.0.0.1",
    port,
    user,
    pass,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/INBOX`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
