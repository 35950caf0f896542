/**
 * The shape of the generated type-name lists (`dist/generated/type-names/<product>.js`) that code
 * generators read to name each operation's request and reply types. Not part of the package's exports.
 *
 * @module
 */

/** The request and reply type names of one operation in its products' modules. */
export interface OperationTypeNames {
  /** Request type name, absent when the operation takes no body. */
  readonly request?: string;
  /** Reply type name: a named type, `undefined` (empty reply) or `Uint8Array` (binary reply). */
  readonly reply: string;
  /** Whether `{}` (or no argument) is a valid request. */
  readonly requestOptional: boolean;
}
