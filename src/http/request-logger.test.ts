import { describe, expect, it } from "vitest";
import { redactUrl } from "./request-logger.js";

describe("redactUrl", () => {
  it("redacts every credential-like query parameter and keeps the rest", () => {
    expect(
      redactUrl(
        "/api/prereview/1/notice?secret=abc&format=html&token=t0k&access_token=x&api_key=k&X-Amz-Signature=s&q=退休",
      ),
    ).toBe(
      "/api/prereview/1/notice?secret=[redacted]&format=html&token=[redacted]&access_token=[redacted]&api_key=[redacted]&X-Amz-Signature=[redacted]&q=退休",
    );
  });

  it("judges percent-encoded names and keeps the fragment", () => {
    expect(redactUrl("/demo?%74oken=abc&page=2#top")).toBe("/demo?%74oken=[redacted]&page=2#top");
  });

  it("leaves URLs without a query alone", () => {
    expect(redactUrl("/healthz")).toBe("/healthz");
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
