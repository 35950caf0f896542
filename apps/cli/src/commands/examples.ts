/**
 * `cxctl examples`: a ready-to-run first call for the current profile as curl (for an advanced key, the
 * signing steps in a POSIX shell that runs on Linux and macOS), Python 3 (standard library only) and
 * TypeScript with this SDK, like the console's "View Examples". The first call is one the product serves:
 * its path, method and envelope come from the product client's operation table, the TypeScript method from
 * its manifest. The key is masked unless `--show-secret`.
 *
 * @module
 */
import { Command, Option } from "commander";
import { productCatalog } from "../catalog.js";
import { globalFlags, openClient, PRODUCTS, productFlag, type Product } from "../connection.js";
import type { CliIo } from "../io.js";
import { UsageError } from "../output.js";

const CLIENTS = { xdr: "XdrClient", xsiam: "XsiamClient", xsoar: "XsoarClient", xpanse: "XpanseClient", cloud: "CloudClient" } as const;

/** The first call of each product's examples: an everyday read it serves, and its first page. */
export const FIRST_CALLS: Readonly<Record<Product, { readonly operationId: string; readonly body: Readonly<Record<string, unknown>>; readonly sdkRequest: string }>> = {
  xdr: { operationId: "incidents.get_incidents", body: { search_from: 0, search_to: 5 }, sdkRequest: "{}" },
  xsiam: { operationId: "incidents.get_incidents", body: { search_from: 0, search_to: 5 }, sdkRequest: "{}" },
  xpanse: { operationId: "incidents.get_incidents", body: { search_from: 0, search_to: 5 }, sdkRequest: "{}" },
  cloud: { operationId: "issue.search", body: { search_from: 0, search_to: 5 }, sdkRequest: "{}" },
  xsoar: { operationId: "xsoar.incidents.search", body: { filter: { page: 0, size: 5 } }, sdkRequest: "{ filter: {} }" },
};

/**
 * Masks a secret: its first four characters and a fixed number of stars.
 *
 * @param secret - The secret.
 * @returns The masked text.
 */
export function mask(secret: string): string {
  return `${secret.slice(0, 4)}${"*".repeat(12)}`;
}

/** Quotes text for a POSIX shell's single quotes. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * Builds `cxctl examples`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function examplesCommand(io: CliIo): Command {
  return new Command("examples")
    .description("print a first call for the current profile as curl, Python 3 and TypeScript (the key masked unless --show-secret)")
    .option("--show-secret", "print the key itself (it ends up in your terminal's scrollback)")
    .addOption(new Option("--lang <language>", "only one language").choices(["curl", "python", "typescript"]))
    .addOption(new Option("--product <product>", "product (default xdr)").choices(PRODUCTS))
    .addHelpText(
      "after",
      "\nThe shell example of an advanced key needs openssl (as on Linux and macOS): it signs every request with a\nfresh nonce and timestamp.\n\nExample:\n  cxctl examples --profile prod --lang python > first_call.py\n  cxctl examples --product cloud --lang curl --show-secret | sh",
    )
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self);
      const product = productFlag(flags["product"] as string | undefined, PRODUCTS, "xdr");
      const client = await openClient(product, flags, io);
      const { baseUrl, credentials, profile, routing, xsoarVersion } = client.config;
      await client.close();
      let key = flags.key ?? io.env["CORTEX_API_KEY"] ?? io.env["CORTEXCLOUD_API_KEY"] ?? io.env["DEMISTO_API_KEY"] ?? io.env["DEMISTO_ADVANCED_API_KEY"];
      if (key === undefined && profile !== undefined) {
        const core = await import("@cortex-sdk/core");
        key = core.loadProfile(profile, { env: io.env })?.profile.apiKey;
      }
      const secret = flags["showSecret"] === true ? (key ?? "<API key>") : mask(key ?? "<API key>");
      const keyId = credentials.keyId;
      const xsoar6 = routing.auth === "xsoar6";
      const advanced = credentials.securityLevel === "advanced" && !xsoar6;

      // The call: from the client's table (path, method, envelope) and manifest (the SDK method).
      const first = FIRST_CALLS[product];
      const entry = (await productCatalog(product)).entries.find((candidate) => candidate.operation.id === first.operationId);
      if (entry?.method === undefined) throw new UsageError(`the ${product} client has no ${first.operationId}; cannot print its examples.`);
      const operation = entry.operation;
      const wire = operation.requestEnvelope === "request_data" ? { request_data: first.body } : first.body;
      const body = JSON.stringify(wire);
      const url = `${baseUrl}${product === "xsoar" ? routing.pathPrefix : ""}${operation.path}`;
      const httpMethod = operation.method.toUpperCase();
      const level = xsoar6 ? "XSOAR 6" : credentials.securityLevel;
      const lang = flags["lang"] as string | undefined;
      const out: string[] = [];

      if (lang === undefined || lang === "curl") {
        out.push(`# ${operation.id} with curl (${level} key${xsoar6 ? "" : ` ${keyId}`}${profile === undefined ? "" : `, profile ${profile}`})`);
        if (!advanced) {
          out.push(
            `curl -sS -X ${httpMethod} ${shellQuote(url)} \\`,
            ...(xsoar6 ? [] : [`  -H ${shellQuote(`x-xdr-auth-id: ${keyId}`)} \\`]),
            `  -H ${shellQuote(`Authorization: ${secret}`)} \\`,
            `  -H 'Content-Type: application/json' \\`,
            `  -d ${shellQuote(body)}`,
          );
        } else {
          out.push(
            "# An advanced key is never sent: each request carries the lowercase hex SHA-256 of key + nonce + timestamp",
            "# (a fresh 64-character nonce, the time in epoch milliseconds), with x-xdr-auth-id, x-xdr-nonce and",
            "# x-xdr-timestamp. POSIX sh with openssl, as on Linux and macOS; the clock must be within minutes of the tenant's.",
            `KEY=${shellQuote(secret)}`,
            "NONCE=$(openssl rand -hex 32)",
            "TS=$(($(date +%s) * 1000))",
            "SIG=$(printf '%s' \"$KEY$NONCE$TS\" | openssl dgst -sha256 | awk '{print $NF}')",
            `curl -sS -X ${httpMethod} ${shellQuote(url)} \\`,
            `  -H ${shellQuote(`x-xdr-auth-id: ${keyId}`)} -H "x-xdr-nonce: $NONCE" -H "x-xdr-timestamp: $TS" -H "Authorization: $SIG" \\`,
            `  -H 'Content-Type: application/json' -d ${shellQuote(body)}`,
          );
        }
        out.push("");
      }

      if (lang === undefined || lang === "python") {
        out.push(
          `# ${operation.id} with Python 3, standard library only`,
          `import ${advanced ? "hashlib, json, secrets, time, urllib.request" : "json, urllib.request"}`,
          "",
          ...(xsoar6 ? [] : [`API_KEY_ID = ${JSON.stringify(keyId)}`]),
          `API_KEY = ${JSON.stringify(secret)}`,
          "",
          "def headers():",
          ...(xsoar6
            ? ['    return {"Authorization": API_KEY, "Content-Type": "application/json"}']
            : advanced
              ? [
                  "    nonce = secrets.token_hex(32)  # 64 characters, fresh for every request",
                  "    timestamp = str(int(time.time() * 1000))",
                  "    signature = hashlib.sha256((API_KEY + nonce + timestamp).encode()).hexdigest()",
                  '    return {"x-xdr-auth-id": API_KEY_ID, "x-xdr-nonce": nonce, "x-xdr-timestamp": timestamp,',
                  '            "Authorization": signature, "Content-Type": "application/json"}',
                ]
              : ['    return {"x-xdr-auth-id": API_KEY_ID, "Authorization": API_KEY, "Content-Type": "application/json"}']),
          "",
          `body = json.dumps(${body}).encode()`,
          `request = urllib.request.Request(${JSON.stringify(url)}, data=body, headers=headers(), method=${JSON.stringify(httpMethod)})`,
          "with urllib.request.urlopen(request, timeout=60) as response:",
          "    print(json.dumps(json.load(response), indent=2))",
          "",
        );
      }

      if (lang === undefined || lang === "typescript") {
        const className = CLIENTS[product];
        const paginated = operation.pagination.kind !== "none";
        const version = product === "xsoar" ? `, xsoarVersion: ${xsoarVersion ?? 8}` : "";
        const connection = xsoar6
          ? `{ baseUrl: ${JSON.stringify(baseUrl)}, apiKey${version} }`
          : `{ baseUrl: ${JSON.stringify(baseUrl)}, apiKeyId: ${JSON.stringify(keyId)}, apiKey, securityLevel: ${JSON.stringify(credentials.securityLevel)}${version} }`;
        out.push(
          `// ${operation.id} with TypeScript and this SDK (npm install @cortex-sdk/${product})`,
          `import { ${className} } from "@cortex-sdk/${product}";`,
          "",
          ...(profile === undefined
            ? [
                "// The key from the environment, never from the source.",
                'const apiKey = process.env["CORTEX_API_KEY"];',
                'if (apiKey === undefined) throw new Error("Set CORTEX_API_KEY to the API key.");',
                `const client = new ${className}(${connection});`,
              ]
            : [`const client = new ${className}({ profile: ${JSON.stringify(profile)} }); // ${baseUrl}, key ${keyId}`]),
          "try {",
          paginated
            ? `  for await (const item of client.${entry.method}(${first.sdkRequest}, { limit: 5 })) console.log(item);`
            : `  console.log(await client.${entry.method}(${first.sdkRequest}));`,
          "} finally {",
          "  await client.close();",
          "}",
          "",
        );
      }
      io.stdout.write(out.join("\n"));
      if (flags["showSecret"] !== true) io.stderr.write("(the key is masked; pass --show-secret to print it)\n");
    });
}
