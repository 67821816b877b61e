import { describe, expect, it } from "vitest";

import { csvCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('Said "hi", left')).toBe('"Said ""hi"", left"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises spreadsheet formulas but keeps negative numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-14")).toBe("-14");
    expect(csvCell("-rm")).toBe("'-rm");
  });

  it("writes a header and CRLF rows", () => {
    expect(toCsv(["a", "b"], [{ a: 1, b: "x" }, { a: 2 }])).toBe("a,b\r\n1,x\r\n2,\r\n");
  });
});
