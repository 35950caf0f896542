// The platform-neutral public surface, re-exported by both entry points.
// Nothing reachable from here may import node:* modules.

export { SigningError, isSigningError, SIGNING_ERROR_CODES } from "./errors.js";
export type { SigningErrorCode } from "./errors.js";
export { Credentials, createCredentials, SECURITY_LEVELS } from "./credentials.js";
export type {
  CredentialsDescription,
  CredentialsInput,
  RedactedCredentialsJSON,
  SecurityLevel,
  SignableCredentials,
} from "./credentials.js";
export { NONCE_LENGTH, NONCE_ALPHABET, generateNonce, isValidNonce } from "./nonce.js";
export { AUTH_HEADER_NAMES } from "./prepare.js";
export type { SignOptions } from "./prepare.js";
