/**
 * Text from NCP (or whatever answers in its place) made safe to show: every character that a
 * terminal, a log viewer or a CI runner acts on instead of showing is written as an escape.
 * - C0 controls: CR and LF start a forged log line or a forged CI annotation (`::error::`,
 *   `##vso[...]`), ESC starts a terminal escape sequence (colours, cursor moves, a window title);
 * - DEL and the C1 controls U+0080-U+009F (U+009B alone is a CSI, U+0085 a line break);
 * - the Unicode line and paragraph separators U+2028 and U+2029, line breaks to many viewers;
 * - the bidirectional controls U+061C, U+200E, U+200F, U+202A-U+202E and U+2066-U+2069, which
 *   reorder what is shown (CVE-2021-42574, "Trojan Source").
 * Pure; applied where server text enters an error message, an error field or a log line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is what this is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escape(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

export function safeServerText(text: string): string {
  return text.replace(UNSAFE, escape);
}
