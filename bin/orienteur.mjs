#!/usr/bin/env node
// Entry point of the `orienteur` command: registers the TypeScript loader, then hands over to the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../bot/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
