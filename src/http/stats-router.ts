// GET /api/admin/stats: the staff analytics (智能分析) as JSON, or one of its tables as CSV.
// Clerks (CLERK_TOKENS) and the administrator (ADMIN_TOKEN) may read it.
import { type Request, Router } from "express";
import { z } from "zod";
import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import { type Stats, type Storage, StatsSchema, statsTableCsv, statsTables } from "../storage/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { type ClerkToken, createClerkCheck } from "./prereview-access.js";
import { requireAdmin } from "./require-admin.js";

export interface StatsRouterDependencies {
  storage: Pick<Storage, "readStats">;
  /** Names the guides the analytics count by id: the catalog serving now. */
  catalog: () => Pick<Catalog, "matters" | "bundles">;
  clerkTokens?: readonly ClerkToken[];
  adminToken?: string;
}

/** Longest range one request may ask for. */
export const MAX_STATS_DAYS = 366;
const DAY_MS = 86_400_000;
/** Days are China Standard Time (UTC+8). */
const CST_OFFSET_MS = 8 * 3_600_000;

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
export const StatsQuerySchema = z
  .object({
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    format: z.enum(["json", "csv"]).default("json"),
    table: z.string().max(40).optional(),
  })
  .strict();

/** Midnight of a calendar day in China Standard Time; undefined for a day that does not exist (02-30). */
function dayStart(day: string): Date | undefined {
  const date = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10) === day ? date : undefined;
}

const today = () => new Date(Date.now() + CST_OFFSET_MS).toISOString().slice(0, 10);

export function createStatsRouter(dependencies: StatsRouterDependencies): Router {
  const router = Router();
  const checkClerk = createClerkCheck(dependencies.clerkTokens ?? []);
  const authorize = (request: Request) => {
    if (checkClerk(request).status === "clerk") return;
    if (!dependencies.adminToken && (dependencies.clerkTokens ?? []).length === 0)
      throw new AppError("forbidden", "统计接口未启用：服务端没有设置 CLERK_TOKENS 或 ADMIN_TOKEN");
    if (!dependencies.adminToken)
      throw new AppError("unauthorized", "需要有效的工作人员令牌（Authorization: Bearer …）");
    requireAdmin(request, dependencies.adminToken);
  };
  const name = (documentId: string) => {
    const [kind, id = ""] = documentId.split(":");
    const catalog = dependencies.catalog();
    return (kind === "bundle" ? catalog.bundles.get(id) : catalog.matters.get(id))?.name;
  };
  /**
   * A declared rule's name with what it compares or requires in the guides that declare it
   * (「材料之间信息一致：申请人姓名」): storage names it only by its kind, so two rules read alike.
   */
  const ruleName = (row: { ruleId: string; ruleLabel: string }, documentId?: string) => {
    const catalog = dependencies.catalog();
    const [kind, id = ""] = documentId?.split(":") ?? [];
    const guides = documentId
      ? [kind === "bundle" ? catalog.bundles.get(id) : catalog.matters.get(id)]
      : [...catalog.bundles.values(), ...catalog.matters.values()];
    const names = new Set(
      guides
        .flatMap((guide) => guide?.prereview?.rules ?? [])
        .filter((rule) => rule.id === row.ruleId)
        .map((rule) => (rule.kind === "consistency" ? rule.label : rule.description)),
    );
    return names.size > 0 ? `${row.ruleLabel}：${[...names].join("、")}` : row.ruleLabel;
  };
  const withNames = (stats: Stats): Stats => ({
    ...stats,
    chat: {
      ...stats.chat,
      documents: stats.chat.documents.map((row) => ({ ...row, name: name(row.documentId) })),
      ratings: stats.chat.ratings.map((row) => ({ ...row, name: name(row.documentId) })),
    },
    prereview: {
      ...stats.prereview,
      findingsByRule: stats.prereview.findingsByRule.map((row) => ({ ...row, ruleLabel: ruleName(row) })),
      findingsByMatter: stats.prereview.findingsByMatter.map((row) => ({
        ...row,
        name: name(row.documentId),
        ruleLabel: ruleName(row, row.documentId),
      })),
      overrides: stats.prereview.overrides.map((row) => ({ ...row, ruleLabel: ruleName(row) })),
    },
  });

  router.get("/admin/stats", async (request, response) => {
    authorize(request);
    const parsed = StatsQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "from");
    const toDay = parsed.data.to ?? today();
    const to = dayStart(toDay);
    const fromDay =
      parsed.data.from ?? (to ? new Date(to.getTime() - 29 * DAY_MS + CST_OFFSET_MS).toISOString().slice(0, 10) : "");
    const from = dayStart(fromDay);
    if (!from || !to) throw new AppError("bad_request", "日期无效，应为存在的日期，如 2026-12-01");
    if (from > to) throw new AppError("bad_request", "开始日期不能晚于结束日期");
    if ((to.getTime() - from.getTime()) / DAY_MS >= MAX_STATS_DAYS)
      throw new AppError("bad_request", `一次最多统计 ${MAX_STATS_DAYS} 天`);
    const stats = StatsSchema.parse(
      withNames(await dependencies.storage.readStats({ from, to: new Date(to.getTime() + DAY_MS) })),
    );
    if (parsed.data.format === "json") return void response.json(stats);
    const tables = statsTables(stats);
    const table = tables.find((candidate) => candidate.key === parsed.data.table);
    if (!table)
      throw new AppError(
        "bad_request",
        `CSV 导出需要 table 参数，可选：${tables.map((candidate) => candidate.key).join("、")}`,
      );
    response
      .type("text/csv; charset=utf-8")
      .attachment(`banshi-${table.key}-${fromDay}-${toDay}.csv`)
      .send(statsTableCsv(table));
  });
  return router;
}
