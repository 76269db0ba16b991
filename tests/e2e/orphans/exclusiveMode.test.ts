/**
 * The lost-create fault matrix through the real `pulumi` CLI, with `exclusive: true`: keys that
 * appeared since the first lost request are deleted and the user is told; none is left behind,
 * unless NCP refuses the delete, when it is named (rows.ts, docs/orphans.md).
 */
import { matrixRows } from "./judge";

jest.setTimeout(180_000);

describe("lost creates with exclusive: true: none left behind, no older key touched", () => matrixRows("exclusive"));
