import { startEmulator } from "../../sdk/emulator";
import { clientFor, failureOf } from "./servers";

const DAY = 86_400_000;

async function withSkewedGateway(skewMs: number, run: (client: ReturnType<typeof clientFor>, requests: () => number) => Promise<void>) {
  const emulator = await startEmulator({ now: () => Date.now() + skewMs });
  const client = clientFor(emulator.url, { accessKey: emulator.accessKey, secretKey: emulator.secretKey, maxAttempts: 3 });
  try {
    await run(client, () => emulator.requests.length);
  } finally {
    await client.close();
    await emulator.close();
  }
}

describe("the clock offset learned from a 401 is bounded to ±15 minutes", () => {
  test("a Date 30 days ahead fails the call, naming how far off the clock is and NTP; the clock is not moved", async () => {
    await withSkewedGateway(30 * DAY, async (client, requests) => {
      const error = await failureOf(client.sts.getCredentials());
      expect(error).toMatchObject({ status: 401, code: "ClockSkew", retryable: false });
      expect(error.message).toContain("30 days behind NCP's clock");
      expect(error.message).toContain("NTP");
      expect(client.clockOffsetMs).toBe(0);
      expect(requests()).toBe(1);
    });
  });

  test("a Date 20 minutes behind fails the same way, the other direction", async () => {
    await withSkewedGateway(-20 * 60_000, async (client) => {
      const error = await failureOf(client.subAccount.createAccessKey("4e066e50-9c3a-11e7-8a66-1e5021fa7c80"));
      expect(error).toMatchObject({ code: "ClockSkew", outcomeUnknown: false });
      expect(error.message).toMatch(/20 minutes( \d+ seconds?)? ahead of NCP's clock/);
    });
  });

  test("14 minutes off is still corrected once and kept", async () => {
    await withSkewedGateway(14 * 60_000, async (client, requests) => {
      await client.sts.getCredentials();
      expect(Math.abs(client.clockOffsetMs - 14 * 60_000)).toBeLessThan(2000);
      expect(requests()).toBe(2);
    });
  });
});
