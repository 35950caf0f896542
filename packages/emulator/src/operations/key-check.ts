import { REPLY_ERRORS } from "../envelopes.js";
import { isJsonObject } from "../query.js";
import type { Operation } from "../router.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy } from "./served.js";

/**
 * `POST /public_api/v1/api_keys/validate` (undocumented): the key check the Xpanse clients send before
 * anything else (reference existing-clients, cortex-xpanse-python-sdk). A valid key of any role passes;
 * a bad one never gets here (401 from the authentication layer). The reply is not documented: `true`
 * alone (default; what cortex-cloud-go expects of its own key check) or wrapped in `reply`
 * (`unknowns.keyCheckReply`).
 */
export const validateApiKey: Operation = {
  id: "api_keys.validate",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/api_keys/validate`,
  permission: null,
  products: servedBy("api_keys.validate"),
  handle: (context) => {
    if (!isJsonObject(context.requestData)) throw REPLY_ERRORS.invalidInput("request_data must be an object");
    return { body: context.state.unknowns.keyCheckReply === "reply" ? { reply: true } : true };
  },
};
