import { createRequire } from "node:module";

/** Version of `@cortex-sdk/xpanse`. */
export const XPANSE_CLIENT_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
