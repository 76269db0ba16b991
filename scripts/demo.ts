/**
 * `npm run demo`: examples/key-rotation on the real Pulumi engine, against the NCP emulator, with
 * no NCP account and no network beyond loopback. The `pulumi` CLI is found or built by
 * scripts/pulumi-cli/find-or-build; the stack lives in a temporary file backend with passphrase
 * secrets (scripts/engine/localStack). The steps, each checked at NCP and in the state:
 *
 * 1. `pulumi preview`: nothing is sent to NCP, the key's outputs are unknown;
 * 2. `pulumi up`;
 * 3. `pulumi refresh` after the key is deactivated, then deleted, behind Pulumi's back: the drift is
 *    shown, and the next `pulumi up` puts it right;
 * 4. rotation by keepers, create-before-delete;
 * 5. rotation by age (`rotationDays`), 90 days later by the provider's test-only clock;
 * 6. `pulumi destroy`.
 *
 * Exits 1 if any check fails, or when there is no Pulumi CLI and no Go to build one: there is no
 * other engine to fall back to.
 */
import { pulumiCli } from "./engine/pulumiCli";
import { checkNoKey, checkState } from "./demo/checks";
import { driftDeactivated, driftDeleted } from "./demo/drift";
import { firstUp, preview } from "./demo/firstRun";
import { describeChanges, failureCount, heading, note } from "./demo/report";
import { rotateByAge, rotateByKeepers } from "./demo/rotation";
import { openDemo, type Demo } from "./demo/setup";

async function destroy(demo: Demo): Promise<void> {
  heading("pulumi destroy", "deletes the key; the service group keeps its last key, as NCP has no call to unset it");
  const result = await demo.local.stack.destroy();
  note(`changes: ${describeChanges(result.summary.resourceChanges)}`);
  checkNoKey(demo, "after destroy");
  checkState(demo, false);
}

async function main(): Promise<void> {
  const cli = pulumiCli();
  console.log(`Pulumi CLI ${cli.version} (${cli.path}), Node ${process.version}`);
  const demo = await openDemo();
  console.log(`NCP emulator on ${demo.emulator.url}; stack state in ${demo.local.backendDir}`);
  try {
    await preview(demo);
    let accessKey = await firstUp(demo);
    accessKey = await driftDeactivated(demo, accessKey);
    accessKey = await driftDeleted(demo, accessKey);
    accessKey = await rotateByKeepers(demo, accessKey);
    await rotateByAge(demo, accessKey);
    await destroy(demo);
  } finally {
    await demo.close();
  }
  if (failureCount() > 0) {
    console.log(`\nDemo FAILED: ${failureCount()} check(s) above said FAIL.`);
    process.exitCode = 1;
  } else {
    console.log("\nDemo passed: through the real Pulumi engine, drift was shown and put right, the key rotated by hand and by age with no gap, no secret reached the state in plaintext, and nothing was left behind.");
  }
}

main().catch((error: unknown) => {
  console.error(`\nDemo FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
