import { createHmac } from "node:crypto";
import { signature, stringToSign } from "../../sdk/signer";
import { median } from "./stats";

/**
 * Signatures per second of sdk/signer.ts against a bare createHmac over the same string to sign.
 * The two loops run interleaved in short rounds so CPU frequency and GC affect both alike.
 */
export interface SignerResult {
  signerPerSec: number;
  barePerSec: number;
  /** Median over rounds of (signer rate / bare rate) measured back to back: robust to load drift. */
  ratio: number;
}

const input = {
  method: "POST",
  pathAndQuery: "/api/v1/sub-accounts/4e066e50-9c3a-11e7-8a66-1e5021fa7c80/access-keys",
  timestamp: "1700000000000",
  accessKey: "ACCESSKEY0123456789A",
  secretKey: "SECRETKEY0123456789SECRETKEY0123456789AB",
};

function rate(fn: () => string, roundMs: number): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while ((elapsed = performance.now() - start) < roundMs) {
    for (let i = 0; i < 200; i++) sink += fn().length;
    n += 200;
  }
  if (sink === 0) throw new Error("unreachable: keeps the result alive");
  return (n / elapsed) * 1000;
}

export function benchSigner(rounds = 40, roundMs = 100): SignerResult {
  const text = stringToSign(input);
  const bare = () => createHmac("sha256", input.secretKey).update(text).digest("base64");
  const ours = () => signature(input);
  if (bare() !== ours()) throw new Error("signer and bare HMAC disagree");
  rate(bare, 200);
  rate(ours, 200);
  const b: number[] = [];
  const s: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs right after a GC of the other's garbage.
    const first = r % 2 === 0 ? rate(bare, roundMs) : rate(ours, roundMs);
    const second = r % 2 === 0 ? rate(ours, roundMs) : rate(bare, roundMs);
    const [bareRate, oursRate] = r % 2 === 0 ? [first, second] : [second, first];
    b.push(bareRate);
    s.push(oursRate);
    ratios.push(oursRate / bareRate);
  }
  return { signerPerSec: median(s), barePerSec: median(b), ratio: median(ratios) };
}
