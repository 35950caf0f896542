// tenant: xdr
// Generate an advanced API key with a role, an expiry and a comment, then call the API with it.
import { XdrClient } from "@cortex-sdk/xdr";

const admin = new XdrClient();
try {
  const inThirtyDays = Date.now() + 30 * 86_400_000;
  const generated = await admin.apiKeys.generate({
    roles: ["Viewer"],
    security_level: "advanced",
    expiration: inThirtyDays,
    comment: "reporting job",
  });
  console.log(`key ${generated.id} generated; store it now, it is shown once`);

  const reporting = new XdrClient({
    baseUrl: process.env["CORTEX_API_BASE_URL"] ?? "",
    apiKeyId: generated.id,
    apiKey: generated.key,
    securityLevel: "advanced",
  });
  try {
    const reply = await reporting.incidents.list({ search_from: 0, search_to: 5 });
    console.log(`the new key reads ${reply.incidents?.length ?? 0} incidents`);
  } finally {
    await reporting.close();
  }
} finally {
  await admin.close();
}
