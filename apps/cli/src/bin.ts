#!/usr/bin/env node
import nodeModule from "node:module";
import { storedHelpFor, renderStoredHelp } from "./help-text.js";

// `cxctl ... | head`: the reader went away; stop quietly as other command-line tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
// `cxctl --help` (or a top-level command's, or an operation's) prints the help the build stored, at
// commander's width (the terminal's, else 80), without loading commander or the program. A Tab in the shell answers from the
// stored command tree, also without commander. Anything else runs the program.
const help = storedHelpFor(argv, new URL("../dist/cli-manifest/", import.meta.url));
if (help !== undefined) process.stdout.write(renderStoredHelp(help, (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80));
else {
  // Node 22+ keeps the compiled code of the modules loaded from here on (commander, the program) in a
  // cache on disk, so later runs skip compiling them; Node 20 has no such cache.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const { processIo } = await import("./io.js");
  process.exitCode = argv[0] === "__complete" ? await (await import("./complete.js")).complete(argv.slice(1), processIo()) : await (await import("./main.js")).run(argv, processIo());
}
