import { createRequire } from "node:module";

/** Version of `@cortex-sdk/xdr`. */
export const XDR_CLIENT_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
