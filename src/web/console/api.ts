/// <reference lib="dom" />
// The clerk console's calls to the pre-review API, with the clerk's bearer token.

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
  const response = await fetch(`/api/prereview/${caseId}/files/${encodeURIComponent(fileId)}/pages/${page}`, {
    headers: { Authorization: `Bearer ${session.token ?? ""}` },
  });
  if (!response.ok) throw new ApiError("页面图片无法显示", response.status);
  return URL.createObjectURL(await response.blob());
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

export interface Evidence {
  fileId: string;
  page?: number;
  text: string;
  box?: { x0: number; y0: number; x1: number; y1: number };
}

export interface Finding {
  id: string;
  ruleId: string;
  severity: "error" | "warning" | "info";
  materialId?: string;
  message: string;
  detail: string;
  codes?: Record<string, string | number>;
  evidence: Evidence[];
  /** The rule's name in Chinese (reports of earlier releases have only the code). */
  ruleLabel?: string;
  /** The 审查要点 the finding's rule enforces (reports made before review points have none). */
  reviewPoints?: { materialId: string; pointId: string }[];
}

export interface ReviewPoint {
  id: string;
  text: string;
  source?: string;
  checkedBy: { ruleId: string; label: string }[];
}

export interface Report {
  verdict: "pass" | "needs_correction" | "needs_human";
  title: string;
  summary: string;
  referenceDate: string;
  materials: {
    id: string;
    name: string;
    required: boolean;
    deferrable: boolean;
    exempt: boolean;
    documentIds: string[];
    reviewPoints?: ReviewPoint[];
  }[];
  documents: {
    id: string;
    fileId: string;
    pages: number[];
    documentType: string;
    side: string;
    materialId?: string;
    fields: { name: string; value: string; raw: string; confidence: number; evidence: Evidence }[];
  }[];
  files: { fileId: string; originalName: string; pageCount: number; problem?: string }[];
  findings: Finding[];
  disclaimer: string;
}

export interface Review {
  findingId: string;
  decision: "accept" | "override";
  comment?: string;
  reviewer?: string;
  createdAt: string;
}

export interface CaseView {
  caseId: string;
  status: "queued" | "running" | "done" | "failed" | "deleted";
  createdAt: string;
  bundleId?: string;
  matterId?: string;
  failureReason?: string;
  report?: Report;
  reviews: Review[];
  files?: { fileId: string; originalName: string; declaredMaterialId?: string }[];
}

export interface CaseSummary {
  caseId: string;
  status: string;
  verdict?: string;
  bundleId?: string;
  matterId?: string;
  fileCount: number;
  reviewCount: number;
  createdAt: string;
}

export interface BundleDetail {
  bundle: {
    id: string;
    name: string;
    scenarios: { id: string; question: string; options: { value: string; label: string }[] }[];
  };
  materials: { material: { id: string; name: string } }[];
}
