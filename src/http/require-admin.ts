import { timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { AppError } from "../errors.js";

/** Admin endpoints take `Authorization: Bearer <ADMIN_TOKEN>`; without ADMIN_TOKEN they are off (403). */
export function requireAdmin(request: Request, adminToken: string | undefined): void {
  if (!adminToken) throw new AppError("forbidden", "管理接口未启用：服务端没有设置 ADMIN_TOKEN");
  const header = request.get("authorization") ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError("unauthorized", "需要有效的管理员令牌（Authorization: Bearer …）");
}
