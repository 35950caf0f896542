#!/usr/bin/env node
import { processIo } from "./io.js";

// `cxctl ... | head`: the reader went away; stop quietly as other command-line tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
// A Tab in the shell answers from the stored command tree, without loading the program (commander included).
process.exitCode = argv[0] === "__complete" ? await (await import("./complete.js")).complete(argv.slice(1), processIo()) : await (await import("./main.js")).run(argv, processIo());
