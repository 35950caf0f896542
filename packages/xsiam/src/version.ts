import { createRequire } from "node:module";

/** Version of `@cortex-sdk/xsiam`. */
export const XSIAM_CLIENT_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
