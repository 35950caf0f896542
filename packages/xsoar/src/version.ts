import { packageVersion } from "@cortex-sdk/core";

/** Version of `@cortex-sdk/xsoar`. */
export const XSOAR_CLIENT_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/xsoar");
