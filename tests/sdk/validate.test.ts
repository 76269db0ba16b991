import { generateKeyPairSync } from "node:crypto";
import { NcloudError } from "../../sdk/errors/errors";
import {
  isOpenSshPublicKey,
  requireDurationSec,
  requireNsmlTitle,
  requirePathSafeId,
  requireServiceGroupInstanceNo,
} from "../../sdk/validate";
import { redact } from "../../sdk/errors/redact";
import { sshPublicKey } from "./helpers";

function invalid(fn: () => unknown): NcloudError {
  try {
    fn();
  } catch (error) {
    if (error instanceof NcloudError) return error;
  }
  throw new Error("expected an NcloudError");
}

describe("input validation", () => {
  test.each(["", " ", "a/b", "../x", "a b", "a?b", "%2F", ".."])("path-unsafe id %j is rejected", (id) => {
    const error = invalid(() => requirePathSafeId("subAccount.listAccessKeys", "subAccountId", id));
    expect(error).toMatchObject({ status: undefined, code: "InvalidInput", operation: "subAccount.listAccessKeys" });
    expect(error.message).toContain("subAccountId");
    expect(error.message).toContain("Fix:");
  });
  test("a uuid and an NCP key id pass", () => {
    expect(requirePathSafeId("o", "f", "4e066e50-9c3a-11e7-8a66-1e5021fa7c80")).toBe("4e066e50-9c3a-11e7-8a66-1e5021fa7c80");
    expect(requirePathSafeId("o", "f", "ncp_iam_BPAMKR1abc")).toBe("ncp_iam_BPAMKR1abc");
  });
  test.each([599, 43201, 600.5, Number.NaN])("durationSec %d is rejected", (n) => {
    expect(invalid(() => requireDurationSec("sts.createCredentials", n)).message).toMatch(/durationSec.*600.*43200/);
  });
  test("durationSec 600 and 43200 pass", () => {
    expect(requireDurationSec("o", 600)).toBe(600);
    expect(requireDurationSec("o", 43200)).toBe(43200);
  });
  test("NSML titles", () => {
    // https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-create
    expect(requireNsmlTitle("o", "my-key-1")).toBe("my-key-1");
    expect(requireNsmlTitle("o", "a".repeat(200))).toBe("a".repeat(200));
    for (const bad of ["my-key_1", "1key", "-key", "my--key", "has space", "", "키"]) {
      const error = invalid(() => requireNsmlTitle("o", bad));
      expect(error.code).toBe("InvalidInput");
      expect(error.message).toContain("title");
      expect(error.message).toContain("start with a letter");
    }
  });
  test("OpenSSH public keys: real ones pass, PEM and junk do not", () => {
    expect(isOpenSshPublicKey(sshPublicKey("me@host"))).toBe(true);
    const pem = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(isOpenSshPublicKey(pem)).toBe(false);
    expect(isOpenSshPublicKey("ssh-ed25519 AAAA")).toBe(false);
    expect(isOpenSshPublicKey("ssh-rsa " + Buffer.from("\0\0\0\x0bssh-ed25519xx").toString("base64"))).toBe(false);
  });
  test("serviceGroupInstanceNo must be digits", () => {
    expect(requireServiceGroupInstanceNo("o", 1531843)).toBe("1531843");
    expect(requireServiceGroupInstanceNo("o", "1531843")).toBe("1531843");
    expect(invalid(() => requireServiceGroupInstanceNo("o", "15a")).message).toContain("serviceGroupInstanceNo");
  });
});

describe("redaction", () => {
  test("known values and secret-named JSON fields are blanked", () => {
    const out = redact('k=abcdef123 {"secretKey":"zzz-unknown","keySecret":"yy\\"y","name":"ok"}', ["abcdef123"]);
    expect(out).toBe('k=[REDACTED] {"secretKey":"[REDACTED]","keySecret":"[REDACTED]","name":"ok"}');
  });
});
