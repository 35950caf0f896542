import { createRequire } from "node:module";

/** Version of `@cortex-sdk/xsoar`. */
export const XSOAR_CLIENT_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
