// The Cortex XDR client's workflows against the emulator over real HTTP: the suite XDR and XSIAM share.
import { workflowEmulatorSuite } from "../../workflows/test-support/workflow-emulator-suite.js";
import { XdrClient } from "../src/index.js";

workflowEmulatorSuite("xdr", (options) => new XdrClient(options));
