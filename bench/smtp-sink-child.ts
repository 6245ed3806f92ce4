// A counting SMTP sink in its own process, so the benchmark's sender does not share its CPU.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => process.stdout.write(`PORT ${(server.server.address() as AddressInfo).port}\n`));
process.stdin.on("data", () => process.stdout.write(`RECEIVED ${received}\n`));
process.stdin.on("end", () => server.close(() => process.exit(0)));
