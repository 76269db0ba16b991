import { safeServerText } from "../../sdk/errors/serverText";

test.each([
  ["CR and LF (a forged log line or CI annotation)", "bad\r\n::error::forged", "bad\\r\\n::error::forged"],
  ["ESC (a terminal escape sequence)", "\u001b[31mred\u001b]0;title\u0007", "\\u001b[31mred\\u001b]0;title\\u0007"],
  ["NUL, TAB and DEL", "a\u0000b\tc\u007f", "a\\u0000b\\tc\\u007f"],
  ["C1 controls (U+009B is a one-character CSI, U+0085 a line break)", "\u009b2J\u0085x", "\\u009b2J\\u0085x"],
  ["line and paragraph separators", "one\u2028two\u2029three", "one\\u2028two\\u2029three"],
  ["bidirectional controls", "\u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c", "\\u202eevil\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c"],
])("%s are escaped", (_name, text, shown) => {
  expect(safeServerText(text)).toBe(shown);
});

test("ordinary text, Korean and emoji pass unchanged", () => {
  const text = "요청이 잘못되었습니다 (code 400): \"accessKey\" — ok ✓ 🔑 \\n stays";
  expect(safeServerText(text)).toBe(text);
});

test("every code point below U+00A0 but the printable ASCII ones is escaped", () => {
  for (let code = 0; code < 0xa0; code++) {
    const char = String.fromCharCode(code);
    const printable = code >= 0x20 && code < 0x7f;
    expect({ code, escaped: safeServerText(char) !== char }).toEqual({ code, escaped: !printable });
  }
});
