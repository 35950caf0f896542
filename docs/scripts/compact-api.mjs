// Shortens the generated part of the API reference: in the product client pages, a method that calls one
// operation (its comment names `Operation \`id\``) keeps its heading, its first line of description and a
// link to the operation's catalogue entry, which has the request and reply fields. Without this, each
// page repeats every reply type inline and the reference outgrows the site's size and build-time budget.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { anchorOf } from "./anchors.mjs";

const OPERATION = /^Operation `([^`]+)`: `([A-Z]+) ([^`]+)`\./;

/**
 * @param {string} apiDir - docs/api
 * @param {readonly string[]} products - product page names (xdr, xsiam, ...)
 * @returns {{ file: string, before: number, after: number }[]}
 */
export function compactApiReference(apiDir, products) {
  const results = [];
  for (const product of products) {
    const file = join(apiDir, "@cortex-sdk", `${product}.md`);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n");
    const out = [];
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] ?? "";
      if (!/^#####? [^#].*\(\)$/.test(line)) {
        out.push(line);
        continue;
      }
      // A method: find its end (the next heading of the same or a higher level, or a rule).
      const level = line.indexOf(" ");
      let end = index + 1;
      while (end < lines.length) {
        const next = lines[end] ?? "";
        const heading = /^(#+) /.exec(next);
        if ((heading !== null && (heading[1]?.length ?? 9) <= level) || next === "***") break;
        end++;
      }
      const body = lines.slice(index + 1, end);
      const operationLine = body.find((candidate) => OPERATION.test(candidate));
      if (operationLine === undefined) {
        out.push(line, ...body);
      } else {
        const [, id = "", method = "", path = ""] = OPERATION.exec(operationLine) ?? [];
        const inherited = body.findIndex((candidate) => /^#+ (Inherited from|Overrides)$/.test(candidate));
        const origin = inherited === -1 ? [] : ["", `${"#".repeat(level + 1)} ${body[inherited]?.replace(/^#+ /, "")}`, "", ...body.slice(inherited + 1).filter((candidate) => candidate.trim() !== "").slice(0, 1)];
        out.push(line, "", `Calls [\`${id}\`](/operations/${product}#${anchorOf(id)}) (\`${method} ${path}\`): the request and reply fields, an example and the \`cxctl\` command are in the operation catalogue.`, ...origin, "");
      }
      index = end - 1;
    }
    // Request, reply and record types the product package re-exports from @cortex-sdk/schemas-<product> are
    // documented there once: here they become a link. typedoc names that module's page index-1 (index is
    // the package's README).
    const schemasPage = `schemas-${product}/index-1`;
    const schemasFile = join(apiDir, "@cortex-sdk", `${schemasPage}.md`);
    const shared = existsSync(schemasFile) ? new Set(readFileSync(schemasFile, "utf8").split("\n").filter((candidate) => candidate.startsWith("### ")).map((candidate) => candidate.slice(4).trim())) : new Set();
    const final = [];
    for (let index = 0; index < out.length; index++) {
      const line = out[index] ?? "";
      const name = line.startsWith("### ") ? line.slice(4).trim() : undefined;
      if (name === undefined || !shared.has(name)) {
        final.push(line);
        continue;
      }
      let end = index + 1;
      while (end < out.length && !(out[end] ?? "").startsWith("### ") && !(out[end] ?? "").startsWith("## ")) end++;
      final.push(line, "", `Re-exported from \`@cortex-sdk/schemas-${product}\`: see [${name}](/api/@cortex-sdk/${schemasPage}#${name.toLowerCase().replace(/[^a-z0-9_-]/g, "")}).`, "", "***", "");
      index = end - 1;
    }
    const compacted = final.join("\n");
    writeFileSync(file, compacted);
    results.push({ file, before: text.length, after: compacted.length });
  }
  return results;
}
