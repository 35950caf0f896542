#!/usr/bin/env node
// Writes the operation catalogue (docs/operations/*.md) from the operation table of @cortex-sdk/schemas:
// a page per product and an entry per operation with method and path, products and versions, permissions,
// pagination, retry safety, limits, request and reply fields, an example request, and the client method
// and cxctl command that call it. Method and command names come from the built product clients, read the
// same way cxctl reads them (names.mjs), so a rename shows up here without editing this file.
// Nothing here copies prose from the vendor's specs: only names, paths, types, enums and limits.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "@cortex-sdk/schemas";
import { requestJsonSchema, responseJsonSchema } from "@cortex-sdk/schemas/validators";
import { anchorOf } from "./anchors.mjs";
import { clientNames, PRODUCTS } from "./names.mjs";
import { loadReplyRecords, loadTypeNames } from "./type-names.mjs";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(docsDir, "operations");

/** Most field rows shown per table; the rest is one line pointing at the type. */
const MAX_FIELDS = 20;
/** How deep nested fields are listed (`a.b.c`). */
const MAX_DEPTH = 2;


function code(text) {
  return `\`${String(text).replace(/`/g, "'")}\``;
}

/** Escapes table cell text. */
function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function typeOf(schema) {
  if (schema === undefined || schema === null) return "any";
  if (schema.enum !== undefined) {
    const values = schema.enum.slice(0, 8).map((value) => JSON.stringify(value));
    return `${values.join(" | ")}${schema.enum.length > 8 ? ` | … (${schema.enum.length} values)` : ""}`;
  }
  if (schema.anyOf !== undefined) return schema.anyOf.map(typeOf).join(" or ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? ["any"] : [schema.type];
  return types
    .map((type) => {
      if (type === "array") return `${typeOf(schema.items)}[]`.replace(/^(.* or .*)\[\]$/, "($1)[]");
      if (type === "string" && schema.format !== undefined) return `string (${schema.format})`;
      return type;
    })
    .join(" or ");
}

function constraints(schema) {
  const parts = [];
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) parts.push(`length ≥ ${schema.minLength}`);
  if (schema.maxLength !== undefined) parts.push(`length ≤ ${schema.maxLength}`);
  if (schema.minItems !== undefined) parts.push(`≥ ${schema.minItems} items`);
  if (schema.maxItems !== undefined) parts.push(`≤ ${schema.maxItems} items`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(", ");
}

/** Fields of an object schema, flattened (`a.b`, `list[].c`), required ones first at each level. */
function fieldsOf(schema, prefix = "", depth = 1, rows = []) {
  const object = schema?.type === "array" ? schema.items : schema;
  if (object === undefined || object.properties === undefined) return rows;
  const required = new Set(object.required ?? []);
  const names = Object.keys(object.properties).sort((a, b) => Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b));
  for (const name of names) {
    const property = object.properties[name];
    rows.push({ name: `${prefix}${name}`, type: typeOf(property), required: required.has(name), notes: constraints(property) });
    if (depth < MAX_DEPTH) {
      const inner = property.type === "array" ? property.items : property;
      if (inner?.properties !== undefined) fieldsOf(inner, `${prefix}${name}${property.type === "array" ? "[]" : ""}.`, depth + 1, rows);
    }
  }
  return rows;
}

function fieldTable(rows, typeName) {
  if (rows.length === 0) return "_No fields._\n";
  const shown = rows.slice(0, MAX_FIELDS);
  const withNotes = shown.some((row) => row.notes !== "");
  const lines = [`| field | type | required |${withNotes ? " constraints |" : ""}`, `| --- | --- | :---: |${withNotes ? " --- |" : ""}`];
  for (const row of shown) lines.push(`| ${code(row.name)} | ${cell(row.type)} | ${row.required ? "**yes**" : ""} |${withNotes ? ` ${cell(row.notes)} |` : ""}`);
  if (rows.length > shown.length) lines.push(`\n…and ${rows.length - shown.length} more fields: see ${code(typeName)}.`);
  return `${lines.join("\n")}\n`;
}

/** A request value with every required field filled in with a placeholder of the right type. */
function exampleValue(schema, name) {
  if (schema === undefined) return `<${name}>`;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) return exampleValue(schema.anyOf[0], name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return [exampleValue(schema.items, name.replace(/s$/, ""))];
    case "object": {
      const out = {};
      for (const key of schema.required ?? []) out[key] = exampleValue(schema.properties?.[key], key);
      return out;
    }
    case "string":
      return schema.format === "date-time" ? "2026-01-01T00:00:00Z" : `<${name}>`;
    default:
      return `<${name}>`;
  }
}

function paginationText(pagination) {
  switch (pagination.kind) {
    case "none":
      return "none";
    case "offset":
      return `offset (\`search_from\`/\`search_to\`), at most ${pagination.maxPageSize} per page, items in ${code(pagination.itemsField)}${pagination.totalCap === undefined ? "" : `; the total is capped at ${pagination.totalCap.toLocaleString("en-US")} and paging continues past it`}${pagination.pageToken === true ? "; page tokens too" : ""}`;
    case "page_token":
      return `page token (\`use_page_token\`, then \`next_page_token\`), items in ${code(pagination.itemsField)}${pagination.maxPageSize === undefined ? "" : `, at most ${pagination.maxPageSize} per page`}`;
    case "page_size":
      return `page and size${pagination.pagingField === undefined ? "" : ` in ${code(pagination.pagingField)}`}, at most ${pagination.maxPageSize} per page, items in ${code(pagination.itemsField)}`;
    case "filter_data":
      return `\`filter_data.paging\` from/to, at most ${pagination.maxPageSize} per page, items in ${code(pagination.itemsField)}`;
    default:
      return pagination.kind;
  }
}

const RETRY_TEXT = {
  read: "read: retried after throttling, server errors and lost connections",
  idempotent: "idempotent: retried like a read; sending it twice has the same effect",
  unsafe: "unsafe: not retried after an ambiguous failure unless the call opts in",
};

const PRODUCT_NAMES = { xdr: "XDR", xsiam: "XSIAM", xsoar: "XSOAR", xpanse: "Xpanse", cloud: "Cortex Cloud" };

function productsText(entry) {
  return entry.products
    .map((product) => (product === "xsoar" && entry.xsoarVersions !== undefined ? `XSOAR ${entry.xsoarVersions.join(" and ")}` : PRODUCT_NAMES[product]))
    .join(", ");
}

function limitsText(limits) {
  const parts = [];
  if (limits.maxIdsPerCall !== undefined) parts.push(`at most ${limits.maxIdsPerCall} ids per call`);
  if (limits.rateLimit !== undefined) parts.push(`${limits.rateLimit.requests} requests per ${limits.rateLimit.perMs >= 1000 ? `${limits.rateLimit.perMs / 1000} s` : `${limits.rateLimit.perMs} ms`}`);
  return parts.length === 0 ? "the tenant's limits only" : parts.join("; ");
}

function typesText(packageName, typeNames, records) {
  if (typeNames?.request === undefined && typeNames?.reply === undefined) return undefined;
  const request = typeNames.request === undefined ? "no body" : code(typeNames.request);
  const reply = typeNames.reply === undefined ? "no reply" : code(typeNames.reply);
  const named = records === undefined ? "" : ` (of ${records.map(code).join(", ")})`;
  return `${request} → ${reply}${named}, from ${code(packageName)}`;
}

function entryMarkdown(product, packageName, entry, names, typeNames, records) {
  const request = requestJsonSchema(entry.id);
  const reply = responseJsonSchema(entry.id);
  const body = exampleValue(request ?? { type: "object" }, "value");
  const bodyJson = JSON.stringify(body ?? {}, null, 2);
  const paginated = entry.pagination.kind !== "none";
  const facts = [
    ["Method and path", code(`${entry.method} ${entry.path}`)],
    ["Vendor name", entry.operationId === undefined ? "—" : code(entry.operationId)],
    ["Products", productsText(entry)],
    ["Permissions", entry.permissions === undefined || entry.permissions.length === 0 ? "not documented" : entry.permissions.map(code).join(", ")],
    ...(entry.license === undefined ? [] : [["Licence", cell(entry.license)]]),
    ["Pagination", paginationText(entry.pagination)],
    ["Retry safety", RETRY_TEXT[entry.retrySafety] ?? entry.retrySafety],
    ["Limits", limitsText(entry.limits)],
    ...(entry.async === "none" ? [] : [["Asynchronous", `returns ${code(entry.async)} to poll on`]]),
    ...(entry.deprecated === undefined ? [] : [["Deprecated", cell(entry.deprecated)]]),
    ...(typesText(packageName, typeNames, records) === undefined ? [] : [["Types", typesText(packageName, typeNames, records)]]),
    ["Client method", names.method === undefined ? `none: ${code(`client.request("${entry.id}", body)`)}` : [names.method, ...names.alsoMethods].map((method) => code(`client.${method}()`)).join(", ")],
    ...(names.operationFunction === undefined ? [] : [["Small bundles", `${code(`${names.operationFunction}(client, …)`)} from ${code(`${packageName}/operations`)}`]]),
    ["cxctl", code(names.command)],
  ];
  const call = names.method === undefined ? `client.request("${entry.id}", ${bodyJson.replace(/\n/g, "\n")})` : `client.${names.method}(${bodyJson === "{}" ? "" : bodyJson})`;
  const snippet = paginated && names.method !== undefined ? `for await (const item of ${call}) {\n  console.log(item);\n}` : `const reply = await ${call};\nconsole.log(reply);`;
  const cliData = bodyJson === "{}" ? "" : ` --data '${JSON.stringify(body)}'`;
  return [
    `### ${entry.id} {#${anchorOf(entry.id)}}`,
    "",
    "| | |",
    "| --- | --- |",
    ...facts.map(([key, value]) => `| ${key} | ${value} |`),
    "",
    "<!-- fields -->",
    "",
    "**Request fields**",
    "",
    fieldTable(fieldsOf(request), `RequestOf<"${entry.id}">`),
    "**Reply fields**",
    "",
    reply === undefined ? "_Not described._\n" : reply.type === "object" || reply.type === "array" ? fieldTable(fieldsOf(reply), `ReplyOf<"${entry.id}">`) : `${code(typeOf(reply))}\n`,
    "**Example**",
    "",
    "```ts",
    snippet,
    "```",
    "",
    // The command as inline code, not a second highlighted block: half the catalogue's highlighting work and weight.
    `From the shell: ${code(`${names.command}${cliData}`)}`,
    "",
    "<!-- /fields -->",
    "",
  ].join("\n");
}

export async function writeCatalogue() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const summary = [];
  const byId = new Map(operations.map((entry) => [entry.id, entry]));
  const typeNames = await loadTypeNames();
  const replyRecords = loadReplyRecords(typeNames);
  for (const product of PRODUCTS) {
    const { className, packageName, title, entries } = await clientNames(product);
    const groups = new Map();
    for (const named of entries) {
      const entry = byId.get(named.id);
      if (entry === undefined || !entry.products.includes(product)) continue;
      const list = groups.get(named.group) ?? [];
      list.push({ entry, names: named });
      groups.set(named.group, list);
    }
    const count = [...groups.values()].reduce((sum, list) => sum + list.length, 0);
    const liteClient = `${className.replace(/Client$/, "")}LiteClient`;
    const hasLite = typeof (await import(`${packageName}/lite`).catch(() => ({})))[liteClient] === "function";
    const small = hasLite && entries.some((named) => named.operationFunction !== undefined)
      ? [`For small bundles, each operation is also a function of \`${packageName}/operations\`, called with \`${liteClient}\``, `from \`${packageName}/lite\` (the entries name it).`, ""]
      : [];
    const lines = [
      "---",
      `title: ${title} operations`,
      "outline: [2, 2]",
      "---",
      "",
      `# ${title} operations`,
      "",
      `${count} operations, generated from the operation table of \`@cortex-sdk/schemas\`. Call them with`,
      `\`${className}\` from \`${packageName}\`, or from the shell with \`cxctl ${product}\`. Each entry names the`,
      `client method, the command, and the request and reply types (also \`${className.replace(/Client$/, "")}RequestOf<"id">\` and \`${className.replace(/Client$/, "")}ReplyOf<"id">\`).`,
      "",
      ...small,
    ];
    for (const group of [...groups.keys()].sort()) {
      const list = groups.get(group).sort((a, b) => a.entry.id.localeCompare(b.entry.id));
      lines.push(`## ${group}`, "");
      for (const { entry, names } of list) lines.push(entryMarkdown(product, packageName, entry, names, typeNames.get(product)?.[entry.id], replyRecords.get(product)?.get(entry.id)));
    }
    writeFileSync(join(outDir, `${product}.md`), lines.join("\n"));
    summary.push({ product, title, count, groups: groups.size });
  }
  const sample = byId.get("incidents.get_incidents") ?? operations[0];
  const index = [
    "---",
    "title: Operation catalogue",
    "---",
    "",
    "# Operation catalogue",
    "",
    "Every operation of every product, generated from the operation table. Search (the box at the top, or",
    `<kbd>/</kbd>) finds an operation by its id (${code(sample.id)}), its path (${code(sample.path)})`,
    `or the vendor's name for it (${code(sample.operationId ?? sample.id)}).`,
    "",
    "| product | operations | groups |",
    "| --- | ---: | ---: |",
    ...summary.map((row) => `| [${row.title}](./${row.product}) | ${row.count} | ${row.groups} |`),
    "",
  ];
  writeFileSync(join(outDir, "index.md"), index.join("\n"));
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const summary = await writeCatalogue();
  console.log(`catalogue: ${summary.map((row) => `${row.product} ${row.count}`).join(", ")}`);
}
