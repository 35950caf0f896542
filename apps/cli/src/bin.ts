#!/usr/bin/env node
import { processIo } from "./io.js";
import { run } from "./main.js";

// `cxctl ... | head`: the reader went away; stop quietly as other command-line tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), processIo());
