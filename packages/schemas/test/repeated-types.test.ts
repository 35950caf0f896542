import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aliasRepeatedTypes } from "../generator/repeated-types.js";

const packagesDir = new URL("../../", import.meta.url).pathname;
const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"] as const;

/** A written-out object type of about `fields` × 40 characters. */
function objectType(fields: number, prefix = "field"): string {
  return `{\n${Array.from({ length: fields }, (_, index) => `    /** \`${prefix}_${index}\` (string). */\n    readonly ${prefix}_${index}?: string;`).join("\n")}\n}`;
}

describe("types that repeat another type of the module", () => {
  it("become aliases of the first one, with TSDoc naming it; short, different and first declarations stay written out", () => {
    const long = objectType(8);
    const text = [
      "// header\nimport type { X } from \"x\";",
      `/** Request of \`POST /a\` (\`a\`). */\nexport type ARequest = ${long};`,
      `/** Reply of \`POST /a\` (\`a\`). */\nexport type AReply = { ok?: boolean };`,
      `/** Request of \`POST /b\` (\`b\`). */\nexport type BRequest = ${long};`,
      `/** Reply of \`POST /b\` (\`b\`). */\nexport type BReply = { ok?: boolean };`,
      `/** Request of \`POST /c\` (\`c\`). */\nexport type CRequest = ${objectType(8, "other")};`,
      `/** Request of \`POST /d\` (\`d\`). */\nexport type DRequest = ${long};\n`,
    ].join("\n\n");
    const out = aliasRepeatedTypes(text).split("\n\n");
    expect(out[0]).toBe("// header\nimport type { X } from \"x\";");
    expect(out[1]).toBe(`/** Request of \`POST /a\` (\`a\`). */\nexport type ARequest = ${long};`);
    expect(out[3]).toBe("/** Request of `POST /b` (`b`). The same type as {@link ARequest}. */\nexport type BRequest = ARequest;");
    // Too short to be worth an alias: hover keeps showing its fields.
    expect(out[4]).toBe("/** Reply of `POST /b` (`b`). */\nexport type BReply = { ok?: boolean };");
    expect(out[5]).toContain("readonly other_0?: string;");
    expect(out[6]).toBe("/** Request of `POST /d` (`d`). The same type as {@link ARequest}. */\nexport type DRequest = ARequest;\n");
  });

  it("prefer a named record or shared type to an operation's request or reply", () => {
    const long = objectType(8);
    const text = [`/** Reply of \`GET /rule\` (\`rule\`). */\nexport type RuleGetReply = ${long};`, `/** \`NotificationsRule\`: a record. */\nexport type NotificationsRule = ${long};\n`].join("\n\n");
    expect(aliasRepeatedTypes(text)).toBe(`/** Reply of \`GET /rule\` (\`rule\`). The same type as {@link NotificationsRule}. */\nexport type RuleGetReply = NotificationsRule;\n\n/** \`NotificationsRule\`: a record. */\nexport type NotificationsRule = ${long};\n`);
  });

  for (const product of PRODUCTS) {
    it(`@cortex-sdk/schemas-${product}: every alias names a type its module declares in full`, () => {
      const text = readFileSync(`${packagesDir}schemas-${product}/src/generated/types.ts`, "utf8");
      const declared = new Set([...text.matchAll(/^export (?:type|interface) (\w+)/gm)].map((match) => match[1]));
      let aliases = 0;
      // An alias names a type (capitalised); `= boolean;` and the like are written-out types.
      for (const [, name, target] of text.matchAll(/^export type (\w+) = ([A-Z]\w*);$/gm)) {
        aliases++;
        expect(declared, `${name} aliases ${target}`).toContain(target);
        expect(text, `${target} is written out`).not.toMatch(new RegExp(`^export type ${target} = [A-Z]\\w*;$`, "m"));
      }
      if (product !== "xpanse") expect(aliases).toBeGreaterThan(0);
    });
  }

  it("XSOAR's incident batch calls share one request type", () => {
    const text = readFileSync(`${packagesDir}schemas-xsoar/src/generated/types.ts`, "utf8");
    for (const name of ["XsoarIncidentBatchCloseRequest", "XsoarIncidentBatchDeleteRequest", "XsoarIncidentBatchExportToCsvRequest"]) {
      expect(text).toMatch(new RegExp(`^export type ${name} = XsoarIncidentBatchRequest;$`, "m"));
    }
  });
});
