// Anchors of the operation catalogue, shared by the catalogue, the API reference's links into it and the
// typedoc plugin, so a link and its target cannot drift apart.

/**
 * The anchor of an operation's heading on its product's catalogue page.
 *
 * @param {string} id - Operation id such as `incidents.get_incidents`.
 * @returns {string} `op-incidents-get-incidents`
 */
export function anchorOf(id) {
  return `op-${id.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`;
}
