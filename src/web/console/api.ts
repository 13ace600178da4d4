/// <reference lib="dom" />
// The clerk console's calls to the pre-review API, with the clerk's bearer token.
import type { z } from "zod";
import type { BundleDetailResponseSchema, BundleListResponseSchema } from "../../http/catalog-router.js";
import type { PrereviewCaseResponseSchema, PrereviewListResponseSchema } from "../../http/prereview-schemas.js";

const TOKEN_KEY = "banshi.clerkToken";

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = session.token;
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiError(body?.error?.message ?? `请求失败（${response.status}）`, response.status);
  }
  return (await response.json()) as T;
}

/** A page image as an object URL (the endpoint needs the bearer token, so an <img src> cannot load it directly). */
export async function pageImage(caseId: string, fileId: string, page: number): Promise<string> {
  return imageUrl(`/api/prereview/${caseId}/files/${encodeURIComponent(fileId)}/pages/${page}`, {});
}

/** An image the server sends for the clerk's token, as an object URL. */
async function imageUrl(path: string, init: RequestInit): Promise<string> {
  const response = await fetch(path, { ...init, headers: { Authorization: `Bearer ${session.token ?? ""}` } });
  if (!response.ok) throw new ApiError("页面图片无法显示", response.status);
  return URL.createObjectURL(await response.blob());
}

/**
 * A page image of a file the clerk still holds, before anything is submitted: the server renders it
 * as OCR read it (a PDF's page, a TIFF), so the evidence boxes fit; the file is not kept.
 */
export async function uploadedPageImage(file: File, page: number): Promise<string> {
  const body = new FormData();
  body.append("files", file, file.name);
  return imageUrl(`/api/prefill/pages/${page}`, { method: "POST", body });
}

/** Opens the correction notice (HTML) in a new window for printing. */
export async function openNotice(caseId: string): Promise<void> {
  const view = window.open("", "_blank");
  const response = await fetch(`/api/prereview/${caseId}/notice`, {
    headers: { Authorization: `Bearer ${session.token ?? ""}` },
  });
  const html = await response.text();
  if (!view) return;
  view.location.href = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
}

// The shapes the console reads are the API's own (zod, where they are produced), imported as types
// only: esbuild drops these imports, so no server code reaches the browser bundle.
export type {
  Evidence,
  Finding,
  PrereviewReport as Report,
  ReviewPointView as ReviewPoint,
} from "../../prereview/types.js";

/** `GET /api/prereview/:caseId` (http/prereview-schemas.ts). */
export type CaseView = z.infer<typeof PrereviewCaseResponseSchema>;
export type Review = CaseView["reviews"][number];
/** One case of `GET /api/prereview` (the clerk's list). */
export type CaseSummary = z.infer<typeof PrereviewListResponseSchema>["cases"][number];

/** `GET /api/bundles/:id` (http/catalog-router.ts). */
export type BundleDetail = z.infer<typeof BundleDetailResponseSchema>;
/** `GET /api/bundles`. */
export type BundleList = z.infer<typeof BundleListResponseSchema>;
