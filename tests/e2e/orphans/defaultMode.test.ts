/**
 * The lost-create fault matrix through the real `pulumi` CLI, without `exclusive`: nothing is
 * deleted without proof, and every key left is named (rows.ts, docs/orphans.md).
 */
import { matrixRows } from "./judge";

jest.setTimeout(180_000);

describe("lost creates without exclusive: no foreign key deleted, every key left named", () => matrixRows("default"));
