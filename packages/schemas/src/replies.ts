/**
 * The reply normalisation rules as data, for `@cortex-sdk/core`'s `normalizeReply` pipeline step (and for
 * anyone who reads replies without the SDK): which count and data keys are folded to one spelling, and
 * which documented nodes are coerced back to their documented shape. Each rule carries its reason.
 *
 * @module
 */
export { replyNormalisation, type ReplyCoercion, type ReplyKeyFold, type ReplyNormalisationRules, type ReplyRule } from "./overrides/replies.js";
