/**
 * Operation ids: stable, readable, derived from the path alone (see the package README).
 *
 * - `/public_api/v1/<a>/<b>` → `<a>.<b>`; `/public_api/v1/healthcheck` → `healthcheck`.
 * - `/public_api/v<N>/…` → `v<N>.…`; `/public_api/<family>/v1/…` → `<family>.…`;
 *   `/public_api/<family>/v<N>/…` → `<family>.v<N>.…`; `/public_api/<family>/…` (no version) → `<family>.…`.
 * - `/platform/<family>/v1/…` → `platform.<family>.…` (other versions keep `v<N>`).
 * - any other path keeps every segment, e.g. `/api/v1/policies` → `api.v1.policies`.
 * - XSOAR paths get the `xsoar.` namespace: `/incidents/search` → `xsoar.incidents.search`.
 * - Segments are snake_cased (`batchClose` → `batch_close`, `api-key` → `api_key`).
 * - A path parameter becomes `by_<name>`, minus a prefix repeating the segment before it
 *   (`api-key/{api_key_id}` → `api_key.by_id`).
 * - When the path ends with a parameter, or more than one method serves the path, the method
 *   (get, post, put, patch, delete) is added: merged into a final `by_…` segment
 *   (`assets/{id}` GET → `assets.get_by_id`) or appended (`/platform/iam/v1/role` GET → `platform.iam.role.get`).
 */

/** snake_case of one path segment. */
export function snake(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** Splits a path into its namespace prefix and the remaining segments. */
function namespace(path: string, xsoar: boolean): { prefix: string[]; rest: string[] } {
  const segments = path.split("/").filter((s) => s !== "");
  if (xsoar) return { prefix: ["xsoar"], rest: segments };
  if (segments[0] === "public_api") {
    const second = segments[1] ?? "";
    if (second === "v1") return { prefix: [], rest: segments.slice(2) };
    if (/^v\d+$/.test(second)) return { prefix: [second], rest: segments.slice(2) };
    const third = segments[2] ?? "";
    if (third === "v1") return { prefix: [second], rest: segments.slice(3) };
    if (/^v\d+$/.test(third)) return { prefix: [second, third], rest: segments.slice(3) };
    return { prefix: [second], rest: segments.slice(2) };
  }
  if (segments[0] === "platform" && segments.length >= 3) {
    const version = segments[2] ?? "";
    if (version === "v1") return { prefix: ["platform", segments[1]!], rest: segments.slice(3) };
    if (/^v\d+$/.test(version)) return { prefix: ["platform", segments[1]!, version], rest: segments.slice(3) };
  }
  return { prefix: [], rest: segments };
}

/**
 * The id of an operation.
 *
 * @param method - HTTP method.
 * @param path - Path without trailing slash.
 * @param xsoar - Whether it is an XSOAR route.
 * @param methodsOnPath - How many methods serve this path across all specs.
 */
export function operationIdFor(method: string, path: string, xsoar: boolean, methodsOnPath: number): string {
  const { prefix, rest } = namespace(path, xsoar);
  const parts: string[] = prefix.map(snake);
  let endsWithParam = false;
  for (const segment of rest) {
    const param = /^\{(.+)\}$/.exec(segment);
    if (param === null) {
      parts.push(snake(segment));
      endsWithParam = false;
      continue;
    }
    let name = snake(param[1]!);
    const previous = parts[parts.length - 1];
    if (previous !== undefined && name.startsWith(`${previous}_`) && name.length > previous.length + 1) name = name.slice(previous.length + 1);
    parts.push(`by_${name}`);
    endsWithParam = true;
  }
  if (endsWithParam || methodsOnPath > 1) {
    const verb = method.toLowerCase();
    const last = parts[parts.length - 1];
    if (endsWithParam && last !== undefined) parts[parts.length - 1] = `${verb}_${last}`;
    else parts.push(verb);
  }
  if (parts.length === 0) throw new Error(`schemas generator: cannot name ${method} ${path}`);
  return parts.join(".");
}
