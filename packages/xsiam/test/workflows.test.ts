// The Cortex XSIAM client's workflow fault cases on a mock server: the suite XDR and XSIAM share.
import { workflowFaultSuite } from "../../workflows/test-support/workflow-fault-suite.js";
import { XsiamClient } from "../src/index.js";

workflowFaultSuite((options) => new XsiamClient(options));
