import { packageVersion } from "@cortex-sdk/core";

/** Version of `@cortex-sdk/xdr`. */
export const XDR_CLIENT_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/xdr");
