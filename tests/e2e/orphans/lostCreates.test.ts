/**
 * The lost-create fault matrix through the real `pulumi` CLI, with and without `exclusive`: without
 * it, nothing is deleted without proof and every key left is named; with it, keys that appeared
 * since the first lost request are deleted and the user is told, none is left behind unless NCP
 * refuses the delete, when it is named (rows.ts, docs/orphans.md). Both modes share each up.
 */
import { matrix } from "./judge";

jest.setTimeout(180_000);

describe("lost creates", () => matrix());
