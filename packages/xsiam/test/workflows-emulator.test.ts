// The Cortex XSIAM client's workflows against the emulator over real HTTP: the suite XDR and XSIAM share.
import { workflowEmulatorSuite } from "../../workflows/test-support/workflow-emulator-suite.js";
import { XsiamClient } from "../src/index.js";

workflowEmulatorSuite("xsiam", (options) => new XsiamClient(options));
