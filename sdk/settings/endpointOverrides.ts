import { invalidInput } from "../errors/errors";
import { SERVICES, type Service, overrideOrigin } from "./endpoints";
import { describeValue } from "../validate";

/**
 * Per-service endpoint overrides, like the AWS provider's `endpoints`: `{ sts: "https://…" }`.
 * Given as an object (SDK option `endpoints`) or as JSON text (stack config `ncloud:endpoints`,
 * env `NCLOUD_ENDPOINTS`). Each URL replaces scheme and host of that one service and keeps its
 * documented path; it wins over `endpoint` / `NCLOUD_API_URL`, which replaces every service's.
 */
export type EndpointOverrides = Partial<Record<Service, string>>;

const VALID_NAMES = SERVICES.join(", ");

/**
 * The overrides checked: every key a known service, every value an http(s) URL. `source` names
 * where they came from (`endpoints`, `NCLOUD_ENDPOINTS`) so the error says what to fix.
 */
export function parseEndpointOverrides(value: unknown, source: string, operation: string): Partial<Record<Service, string>> {
  if (value === undefined || value === null || value === "") return {};
  let map: unknown = value;
  if (typeof value === "string") {
    try {
      map = JSON.parse(value);
    } catch {
      throw invalidInput(operation, source, "is not JSON", `set ${source} to a JSON object such as {"sts":"https://sts.example.com"}`);
    }
  }
  if (typeof map !== "object" || map === null || Array.isArray(map)) {
    throw invalidInput(operation, source, `${describeValue(map)} is not an object`, `map service names (${VALID_NAMES}) to URLs`);
  }
  const origins: Partial<Record<Service, string>> = {};
  for (const [name, url] of Object.entries(map)) {
    if (!(SERVICES as readonly string[]).includes(name)) {
      throw invalidInput(operation, `${source}.${name}`, `"${name}" is not a service name`, `use one of ${VALID_NAMES}`);
    }
    if (url === undefined || url === null || url === "") continue;
    if (typeof url !== "string") {
      throw invalidInput(operation, `${source}.${name}`, `${describeValue(url)} is not a URL`, "give the service's URL as a string");
    }
    origins[name as Service] = overrideOrigin(url, `${source}.${name}`, operation);
  }
  return origins;
}
