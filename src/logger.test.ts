import { describe, expect, it } from "vitest";
import { createCapturedLogger } from "./test-support/captured-logger.js";

/** The application logger writing to memory, and the lines it wrote, parsed. */
function recordingLogger() {
  const { logger, lines } = createCapturedLogger();
  const parsed = () =>
    lines
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines: parsed };
}

const SENSITIVE = {
  secret: "case-secret-value",
  apiKey: "sk-api-key-value",
  idNumber: "11010519491231002X",
  phone: "13812345678",
  form: { name: "张三" },
};

describe("createLogger redaction", () => {
  it("censors a sensitive field logged at the top level of a line", () => {
    const { logger, lines } = recordingLogger();
    logger.info({ ...SENSITIVE, caseId: "c-1" }, "top level");
    const [line] = lines();
    for (const key of Object.keys(SENSITIVE)) expect(line?.[key]).toBe("[redacted]");
    expect(line?.caseId).toBe("c-1");
    const raw = JSON.stringify(line);
    for (const value of [SENSITIVE.secret, SENSITIVE.apiKey, SENSITIVE.idNumber, SENSITIVE.phone, "张三"]) {
      expect(raw).not.toContain(value);
    }
  });

  it("censors a sensitive field bound to a child logger", () => {
    const { logger, lines } = recordingLogger();
    logger.child({ secret: SENSITIVE.secret }).info("bound");
    expect(lines()[0]?.secret).toBe("[redacted]");
  });

  it("still censors the nested paths", () => {
    const { logger, lines } = recordingLogger();
    logger.info(
      {
        req: { headers: { authorization: "Bearer t", cookie: "c=1", "x-case-secret": "s" }, query: { secret: "q" } },
        job: { secret: "s", apiKey: "k", form: "f", applicant: { idNumber: "i", phone: "p" } },
      },
      "nested",
    );
    expect(lines()[0]).toMatchObject({
      req: {
        headers: { authorization: "[redacted]", cookie: "[redacted]", "x-case-secret": "[redacted]" },
        query: { secret: "[redacted]" },
      },
      job: {
        secret: "[redacted]",
        apiKey: "[redacted]",
        form: "[redacted]",
        applicant: { idNumber: "[redacted]", phone: "[redacted]" },
      },
    });
  });
});
