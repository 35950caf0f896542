// tenant: xdr
// Typed errors: a wrong key is an authentication error that says what to check, and never shows the key.
import { isCortexError, XdrClient } from "@cortex-sdk/xdr";

const client = new XdrClient({
  baseUrl: process.env["CORTEX_API_BASE_URL"] ?? "",
  apiKeyId: process.env["CORTEX_API_KEY_ID"] ?? "",
  apiKey: "not-the-right-key",
  securityLevel: "advanced",
});
try {
  await client.incidents.list({ search_from: 0, search_to: 1 });
  throw new Error("a wrong key was accepted");
} catch (error) {
  if (!isCortexError(error) || error.kind !== "authentication") throw error;
  console.log(`${error.kind}: ${error.message}`);
} finally {
  await client.close();
}
