/**
 * `cxctl examples`: a ready-to-run first call for the current profile as curl (standard keys; for an
 * advanced key the signing steps in the shell), Python 3 (standard library only) and TypeScript with this
 * SDK, like the console's "View Examples". The key is masked unless `--show-secret`.
 *
 * @module
 */
import { Command, Option } from "commander";
import { globalFlags, openClient, PRODUCTS, productFlag } from "../connection.js";
import type { CliIo } from "../io.js";

const CLIENTS = { xdr: "XdrClient", xsiam: "XsiamClient", xsoar: "XsoarClient", xpanse: "XpanseClient", cloud: "CloudClient" } as const;

/**
 * Masks a secret: its first four characters and a fixed number of stars.
 *
 * @param secret - The secret.
 * @returns The masked text.
 */
export function mask(secret: string): string {
  return `${secret.slice(0, 4)}${"*".repeat(12)}`;
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
    .addHelpText("after", "\nExample:\n  cxctl examples --profile prod --lang python > first_call.py")
    .action(async (_own: unknown, self: Command) => {
      const flags = globalFlags(self);
      const product = productFlag(flags["product"] as string | undefined, PRODUCTS, "xdr");
      const client = await openClient(product, flags, io);
      const { baseUrl, credentials, profile, routing } = client.config;
      await client.close();
      let key = flags.key ?? io.env["CORTEX_API_KEY"] ?? io.env["CORTEXCLOUD_API_KEY"] ?? io.env["DEMISTO_API_KEY"] ?? io.env["DEMISTO_ADVANCED_API_KEY"];
      if (key === undefined && profile !== undefined) {
        const core = await import("@cortex-sdk/core");
        key = core.loadProfile(profile, { env: io.env })?.profile.apiKey;
      }
      const secret = flags["showSecret"] === true ? (key ?? "<API key>") : mask(key ?? "<API key>");
      const keyId = credentials.keyId;
      const advanced = credentials.securityLevel === "advanced";
      const xsoar6 = routing.auth === "xsoar6";
      const path = product === "xsoar" ? `${routing.pathPrefix}/incidents/search` : "/public_api/v1/incidents/get_incidents";
      const body = product === "xsoar" ? '{"filter": {"page": 0, "size": 5}}' : '{"request_data": {"search_from": 0, "search_to": 5}}';
      const url = `${baseUrl}${path}`;
      const lang = flags["lang"] as string | undefined;
      const out: string[] = [];
      if (lang === undefined || lang === "curl") {
        out.push(`# curl (${credentials.securityLevel} key ${keyId}${profile === undefined ? "" : `, profile ${profile}`})`);
        if (!advanced || xsoar6) {
          out.push(
            `curl -sS -X POST '${url}' \\`,
            ...(xsoar6 ? [] : [`  -H 'x-xdr-auth-id: ${keyId}' \\`]),
            `  -H 'Authorization: ${secret}' \\`,
            `  -H 'Content-Type: application/json' \\`,
            `  -d '${body}'`,
          );
        } else {
          out.push(
            "# An advanced key is never sent: each request carries sha256(key + nonce + timestamp), so curl alone",
            "# cannot sign it. The steps: a 64-character alphanumeric nonce, the time in epoch milliseconds, and the",
            "# lowercase hex SHA-256 of key + nonce + timestamp, sent with x-xdr-auth-id, x-xdr-nonce and x-xdr-timestamp.",
            "# Each request needs a fresh nonce and timestamp (within about 5 minutes of the server clock).",
            `KEY='${secret}'`,
            "NONCE=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 64)",
            "TS=$(($(date +%s) * 1000))",
            "SIG=$(printf '%s' \"$KEY$NONCE$TS\" | sha256sum | cut -d' ' -f1)",
            `curl -sS -X POST '${url}' \\`,
            `  -H 'x-xdr-auth-id: ${keyId}' -H "x-xdr-nonce: $NONCE" -H "x-xdr-timestamp: $TS" -H "Authorization: $SIG" \\`,
            `  -H 'Content-Type: application/json' -d '${body}'`,
          );
        }
        out.push("");
      }
      if (lang === undefined || lang === "python") {
        out.push(
          "# Python 3, standard library only",
          "import hashlib, json, secrets, string, time, urllib.request",
          "",
          `API_KEY_ID = "${keyId}"`,
          `API_KEY = "${secret}"`,
          "",
          "def headers():",
          ...(xsoar6
            ? ['    return {"Authorization": API_KEY, "Content-Type": "application/json"}']
            : advanced
              ? [
                  '    nonce = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(64))',
                  "    timestamp = str(int(time.time() * 1000))",
                  "    signature = hashlib.sha256((API_KEY + nonce + timestamp).encode()).hexdigest()",
                  '    return {"x-xdr-auth-id": API_KEY_ID, "x-xdr-nonce": nonce, "x-xdr-timestamp": timestamp,',
                  '            "Authorization": signature, "Content-Type": "application/json"}',
                ]
              : ['    return {"x-xdr-auth-id": API_KEY_ID, "Authorization": API_KEY, "Content-Type": "application/json"}']),
          "",
          `request = urllib.request.Request("${url}", data=json.dumps(${body}).encode(), headers=headers(), method="POST")`,
          "with urllib.request.urlopen(request, timeout=60) as response:",
          "    print(json.dumps(json.load(response), indent=2))",
          "",
        );
      }
      if (lang === undefined || lang === "typescript") {
        const className = CLIENTS[product];
        out.push(
          "// TypeScript with this SDK (npm install @cortex-sdk/" + product + ")",
          `import { ${className} } from "@cortex-sdk/${product}";`,
          "",
          profile === undefined
            ? `const client = new ${className}({ baseUrl: "${baseUrl}", apiKeyId: "${keyId}", apiKey: process.env.CORTEX_API_KEY, securityLevel: "${credentials.securityLevel}"${product === "xsoar" ? `, xsoarVersion: ${client.config.xsoarVersion ?? 8}` : ""} });`
            : `const client = new ${className}({ profile: "${profile}" }); // reads ${baseUrl}, key ${keyId} from the profile file`,
          product === "xsoar"
            ? 'const page = await client.incidents.search({ filter: { page: 0, size: 5 } });\nconsole.log(page);'
            : "for await (const incident of client.incidents.list({}, { limit: 5 })) console.log(incident);",
          "await client.close();",
          "",
        );
      }
      io.stdout.write(out.join("\n"));
      if (flags["showSecret"] !== true) io.stderr.write("(the key is masked; pass --show-secret to print it)\n");
    });
}
