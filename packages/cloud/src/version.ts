import { packageVersion } from "@cortex-sdk/core";

/** Version of `@cortex-sdk/cloud`. */
export const CLOUD_CLIENT_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/cloud");
