import { createRequire } from "node:module";

/** Version of `@cortex-sdk/cloud`. */
export const CLOUD_CLIENT_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
