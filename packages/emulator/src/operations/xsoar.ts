import type { Operation } from "../router.js";
import { servedBy } from "./served.js";

const BUILD = "1249117";

/**
 * `GET /about` (XSOAR 6 at the root; XSOAR 8 at `/xsoar/about`): the server
 * version, which clients use to tell 6 from 8 (reference xsoar §2.1). XSOAR 8
 * adds `deploymentMode` and `productMode`. It is a web-app route, so XSOAR 8
 * answers 303 on `/xsoar/public/v1/about` (the observed behaviour for
 * internal routes on the public prefix).
 */
export const xsoarAbout: Operation = {
  id: "xsoar.about",
  method: "GET",
  surface: "xsoar",
  path: "/about",
  permission: null,
  products: servedBy("xsoar.about", undefined, ["xsoar6", "xsoar8", "xsiam"]),
  xsoarPublic: false,
  handle: ({ tenant }) => {
    if (tenant.product === "xsoar6") return { body: { demistoVersion: "6.14.0", buildNum: BUILD } };
    return {
      body: {
        demistoVersion: "8.9.0",
        buildNum: BUILD,
        deploymentMode: "saas",
        productMode: tenant.product === "xsiam" ? "xsiam" : "xsoar",
      },
    };
  },
};
