/** Base path of the public API; operation paths are built from it. */
export const PUBLIC_API_V1 = "/public_api/v1";
/** Base path of the platform IAM API. */
export const IAM_V1 = "/platform/iam/v1";
/**
 * Base path of the emulator's own administration routes: settings a real tenant changes only in its console
 * (no vendor API), so that SDK and CLI tests can change them over HTTP.
 */
export const EMULATOR_V1 = "/_emulator/v1";
