/** Base path of the public API; operation paths are built from it. */
export const PUBLIC_API_V1 = "/public_api/v1";
/** Base path of the platform IAM API. */
export const IAM_V1 = "/platform/iam/v1";
