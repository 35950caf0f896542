/**
 * Type tests of API key ids in the `get_api_keys` and `delete` filters: an int or numeric text (the service
 * reads `"12"` as 12, issue #11), nothing else. Each `@ts-expect-error` fails the build if its line compiles.
 */
import type { XdrRequestOf } from "@cortex-sdk/schemas-xdr";
import type { CloudRequestOf } from "@cortex-sdk/schemas-cloud";

export const by_int: XdrRequestOf<"api_keys.delete"> = { filters: [{ field: "id", operator: "in", value: [121, 134] }] };
export const by_text: CloudRequestOf<"api_keys.delete"> = { filters: [{ field: "id", operator: "in", value: ["121", 134] }] };
export const list_by_text: XdrRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "id", operator: "in", value: ["7"] }] };
// @ts-expect-error text that is not a number
export const by_word: XdrRequestOf<"api_keys.delete"> = { filters: [{ field: "id", operator: "in", value: ["abc"] }] };
// @ts-expect-error the id filter takes a list
export const one_id: XdrRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "id", operator: "in", value: 7 }] };
