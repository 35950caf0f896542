/**
 * What the request check needs from the schemas package: a module of its own, so the configuration can
 * name it without importing the pipeline step.
 *
 * @module
 */

/** What the validators module provides. */
export interface RequestValidators {
  /** The strict request validator of an operation, if it has a request body. */
  requestValidator(id: string): { readonly "~standard": { validate(value: unknown): unknown } } | undefined;
  /** The JSON Schema of an operation's request, to tell body fields from path parameters. */
  requestJsonSchema(id: string): { readonly properties?: Readonly<Record<string, unknown>> } | undefined;
}
