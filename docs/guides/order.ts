/** The guides, in reading order: file name (without .md) and sidebar title. */
export const guides: readonly (readonly [slug: string, title: string])[] = [
  ["getting-started", "Getting started"],
  ["api-keys", "API keys"],
  ["urls-and-tenants", "URLs and tenants"],
  ["configuration", "Configuration and profiles"],
  ["errors", "Errors and 401s"],
  ["retries-and-rate-limits", "Retries and rate limits"],
  ["pagination", "Pagination"],
  ["xql", "XQL"],
  ["response-actions", "Response actions"],
  ["mssp", "MSSP fan-out"],
  ["testing", "Testing with the emulator"],
  ["cli", "The CLI"],
  ["proxies-and-tls", "Proxies and TLS"],
  ["from-python", "Moving from the Python clients"],
];
