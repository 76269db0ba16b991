/** After every test: remove the run's compile cache that globalSetup made. */
import { closeHostCompileCache } from "../../scripts/engine/hostCompileCache";

export default function globalTeardown(): void {
  closeHostCompileCache();
}
