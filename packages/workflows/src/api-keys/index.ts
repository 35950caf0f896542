/**
 * API keys: checked requests, built filters, expiry marks and key scopes. Import it from `@cortex-
 * sdk/workflows/api-keys` to load only the declarations this concern needs (the package root loads every
 * concern's).
 *
 * @module
 */
export { API_KEY_DEFAULT_LIFETIME_MS, apiKeysOf, checkedCall, checkedList, expiringApiKeys, generateApiKeyRequest, listApiKeysRequest, maxApiKeyExpiration, ONE_DAY_MS, ONE_WEEK_MS, type ApiKeyFilter, type ApiKeyFilterField, type ApiKeyFilterOperator, type ApiKeyRecord, type ExpiringApiKey, type ExpiringKeysOptions, type ExpiryMark, type GenerateApiKeyInput, type GenerateApiKeyRequestBody, type ListApiKeysInput } from "./requests.js";
export { ApiKeyManagement, ApiKeyScopes, type ApiKeyScopeShapes, type ApiKeyShapes } from "./namespace.js";
export { API_KEY_SCOPE_DOMAINS, checkApiKeyScope, EMULATOR_SCOPE_OPERATIONS, XSIAM_EXTRA_OPERATIONS, type ApiKeyScope, type ApiKeyScopeMode, type ApiKeyTagScope } from "./scopes.js";
