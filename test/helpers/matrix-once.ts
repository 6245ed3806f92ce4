// A whole process that uses the Matrix adapter once and stops it, as a script for `node -e`: the
// Matrix test checks that Node then exits at once (matrix-js-sdk leaves long /sync timers behind),
// and the bench (section 6b) times that exit.

/** Source of an ES module, run from the project root with `--import tsx --input-type=module -e`. */
export const MATRIX_USE_ONCE_SCRIPT = `
  const { startMatrixPeer } = await import("./test/peers/matrix-peer.ts");
  const peer = await startMatrixPeer();
  const adapter = peer.createAdapter();
  await adapter.start(async (m) => adapter.reply(m, { blocks: [{ type: "paragraph", text: [{ text: "ok" }] }] }));
  await peer.userSays({ text: "bonjour", direct: true });
  while (peer.sent().length === 0) await new Promise((r) => setTimeout(r, 20));
  await adapter.stop();
  await peer.close();`;
