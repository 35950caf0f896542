import { packageVersion } from "@cortex-sdk/core";

/** Version of `@cortex-sdk/xsiam`. */
export const XSIAM_CLIENT_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/xsiam");
