/**
 * Every resource refuses the `import` resource option in the program, before anything is
 * registered, saying why and what to do instead (the engine's own error for a dynamic resource is
 * "code must be a string, not undefined"). tests/e2e/importRefused.test.ts runs one through `pulumi`.
 */
import * as ncloud from "../../provider";

const cases: Array<[string, () => unknown, RegExp]> = [
  ["SubAccountAccessKey", () => new ncloud.SubAccountAccessKey("k", { subAccountId: "sub-1" }, { import: "NCPKEY" }), /create a new key .* delete the old key/],
  [
    "SearchSnapshotAuthKey",
    () => new ncloud.SearchSnapshotAuthKey("g", { serviceGroupInstanceNo: "1531843", accessKeyId: "AK", secretKey: "SK" }, { import: "1531843" }),
    /sets the key on the service group, which is safe to do again/,
  ],
  ["StsCredentials", () => new ncloud.StsCredentials("s", { durationSec: 900 }, { import: "AK" }), /mints new temporary credentials/],
  ["NsmlAuthKeys", () => new ncloud.NsmlAuthKeys("n", {}, { import: "nsml-auth-keys" }), /only reads the listing/],
];

test.each(cases)("%s refuses the import option, naming pulumi#16175 and what to do instead", (resource, construct, instead) => {
  let message = "";
  try {
    construct();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain(`${resource} "`);
  expect(message).toContain("cannot import (https://github.com/pulumi/pulumi/issues/16175)");
  expect(message).toMatch(/Instead: remove the import option/);
  expect(message).toMatch(instead);
});
