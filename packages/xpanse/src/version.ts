import { packageVersion } from "@cortex-sdk/core";

/** Version of `@cortex-sdk/xpanse`. */
export const XPANSE_CLIENT_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/xpanse");
