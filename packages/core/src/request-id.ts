/**
 * The one reader of the server's request id, for errors, logs and `withResponse()`.
 *
 * @module
 */

// Gateways in front of the tenants use different names; the first present wins.
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid"] as const;

/**
 * The request id the server (or its gateway) sent with an answer.
 *
 * @param headers - Response headers, names in lower case.
 * @returns The id, or undefined when the answer carries none.
 * @internal
 */
export function serverRequestId(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}
