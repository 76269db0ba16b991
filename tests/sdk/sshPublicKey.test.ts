import { startEmulator } from "../../sdk/emulator";
import { INVALID_INPUT, NcloudClient } from "../../sdk";
import { md5Fingerprint, publicKeyBlob } from "../../sdk/sshPublicKey";

/* Vectors made with `ssh-keygen -t <type> -C vector@test` and `ssh-keygen -l -E md5`, outside our code. */
const VECTORS: Array<[string, string, string]> = [
  [
    "ssh-rsa",
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDH3tN35TetQH29gvf5G+uRoHW1nVlMQPiLH4NVRUngBP0kz3Cqv2EeqngGcpzBjZi8on7jHVvcwF/bJb57HvwS8gttaH5IsyJ90GZxCDIYJ0LgYKuN2aRZFgecaqCvGKr2Aq4AnKTV24n1Ri3qBq4OJQ575kITf05FkMAhz6dfjD8suIc+44oM0HmRcw27lRgO3t8GSPe2QURr0HaK5zLC3kowtlh1HZzU0+A69rfNGMaPGkenelkrwirXuzTa2EWDHqksZZzW0j5/xxdZLQWRaxlCOEgxFRWZIlule0t+ElN3fSI2eJwWy/nEp6Gm6sz03tOXhRZJjLS5YIP8Dynt vector@test",
    "7c:27:4d:e5:3d:93:8a:9d:5c:dd:eb:77:b7:e3:9f:8e",
  ],
  ["ssh-ed25519", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHPXW9uM2Tzu3Fb72ANTz2YpJC4b681gBlYzMfouEWUj vector@test", "d3:67:9d:50:99:04:d2:33:e4:0c:ab:dc:f0:3d:2a:e4"],
  [
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBK4fwS5SDgqDetrPHEslWm3gdrZQGGLnfTx7GiKYccfD0CAiAXtDDJwnx7sQhpGBjtbQVY8uX1UZ9XFOhzc7ILI= vector@test",
    "f4:d6:0a:ba:14:b0:6a:89:13:ed:3f:41:0c:f7:71:25",
  ],
  [
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBJCuwRc08ZROO9MddQ+T+zecw2DZqqp+sDcHDL95z6FjYrb4VEzTZ26FcMI/tzVYLxW6+vcvATEBJgKECuzdu4++VcucCj1Ux5E9kYPHR8fVRxthhwPX1mgDAlFhw84UzQ== vector@test",
    "1d:35:c4:c3:70:fd:b4:0f:e3:c2:26:b1:90:42:2e:64",
  ],
  [
    "ecdsa-sha2-nistp521",
    "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAGUqbHCW+guGs0FxcO4ly3DLZaKO2x8UCPtTVAZG3XvyGfHgKxDdHAWydgvyc/e3IaTmKHEI7ZZqdSgjoSV0s+JoAFYIX/WrIkQVBxJDDlGUCVYS0eX0Hq0Za3zjSLBnaHo46dGyGWDPkNbQ9vpo27McKb8i6XbkxtkP1bRuO/mxBpr4g== vector@test",
    "5b:f3:13:b0:f0:ba:5a:92:c4:4d:6c:b6:9c:21:a4:65",
  ],
];

const blobOf = (line: string) => Buffer.from(line.split(" ")[1], "base64");
const line = (type: string, blob: Buffer) => `${type} ${blob.toString("base64")} x`;
/** One SSH wire-format field: a uint32 length, then the bytes. */
function field(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

describe.each(VECTORS)("%s", (type, key, fingerprint) => {
  test("the whole line is a key, with ssh-keygen's MD5 fingerprint", () => {
    const blob = publicKeyBlob(key);
    expect(blob).toBeDefined();
    expect(md5Fingerprint(blob!)).toBe(fingerprint);
    expect(publicKeyBlob(key.replace(" vector@test", ""))).toBeDefined();
  });

  test("cut anywhere in its base64 (a line cut to the 120 characters a terminal showed, say), it is refused", () => {
    const [, base64] = key.split(" ");
    for (let chars = 1; chars < base64.length; chars++) {
      expect({ chars, key: publicKeyBlob(`${type} ${base64.slice(0, chars)}`) }).toEqual({ chars, key: undefined });
    }
    if (key.length > 120) expect(publicKeyBlob(key.slice(0, 120))).toBeUndefined();
  });

  test("every shorter blob, cut at any byte, is refused", () => {
    const blob = blobOf(key);
    for (let bytes = 0; bytes < blob.length; bytes++) expect({ bytes, key: publicKeyBlob(line(type, blob.subarray(0, bytes))) }).toEqual({ bytes, key: undefined });
  });

  test("a blob with bytes or a field after the key is refused", () => {
    const blob = blobOf(key);
    expect(publicKeyBlob(line(type, Buffer.concat([blob, Buffer.from([0])])))).toBeUndefined();
    expect(publicKeyBlob(line(type, Buffer.concat([blob, field(Buffer.from("extra"))])))).toBeUndefined();
  });

  test("under another type's name, it is refused", () => {
    for (const [other] of VECTORS.filter(([t]) => t !== type)) expect(publicKeyBlob(key.replace(type, other))).toBeUndefined();
  });
});

test("an ECDSA blob whose curve name or point does not match its type is refused", () => {
  const [, p256] = VECTORS[2];
  const blob = blobOf(p256);
  const type = Buffer.from("ecdsa-sha2-nistp256");
  const point = blob.subarray(blob.length - 65);
  expect(publicKeyBlob(line("ecdsa-sha2-nistp256", Buffer.concat([field(type), field(Buffer.from("nistp384")), field(point)])))).toBeUndefined();
  expect(publicKeyBlob(line("ecdsa-sha2-nistp256", Buffer.concat([field(type), field(Buffer.from("nistp256")), field(point.subarray(1))])))).toBeUndefined();
  expect(publicKeyBlob(line("ecdsa-sha2-nistp256", Buffer.concat([field(type), field(Buffer.from("nistp256")), field(point)])))).toBeDefined();
});

test("base64 that is not canonical (stray bits before the padding) is refused", () => {
  const [, p256] = VECTORS[2];
  const base64 = p256.split(" ")[1];
  // 104 bytes end in one "=": the character before it carries 2 unused bits; "I" -> "J" sets one.
  expect(base64.endsWith("ILI=")).toBe(true);
  expect(publicKeyBlob(`ecdsa-sha2-nistp256 ${base64.slice(0, -2)}J= x`)).toBeUndefined();
  expect(Buffer.from(`${base64.slice(0, -2)}J=`, "base64")).toEqual(Buffer.from(base64, "base64"));
});

test("the SDK refuses a truncated key before sending anything, naming the key field", async () => {
  const emulator = await startEmulator();
  const client = new NcloudClient({ endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, apiKey: emulator.apiKey, env: {} });
  try {
    const error = await client.nsml.createAuthKey({ title: "laptop", key: VECTORS[0][1].slice(0, 120) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: INVALID_INPUT, message: expect.stringContaining("invalid key: is not an OpenSSH public key") });
    expect(emulator.requests).toEqual([]);
  } finally {
    await client.close();
    await emulator.close();
  }
});
