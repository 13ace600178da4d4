import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { type ChatReply, ChatReplySchema, type ChatService } from "../agents/index.js";
import { DEFAULT_LIMITS } from "../config.js";
import { AppError } from "../errors.js";
import { requireAdmin } from "./require-admin.js";
import type { Storage } from "../storage/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { readPortalUser } from "./portal-token.js";
import { memoryRateLimiters, type RateLimiterFactory } from "./rate-limiter.js";

export interface ChatLimits {
  /** Longest message in characters (default 1000). */
  maxMessageChars: number;
  /** Chat requests per client per minute (default 30). */
  requestsPerMinute: number;
  /** New sessions per client per hour (default 20). */
  sessionsPerHour: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = DEFAULT_LIMITS.chat;

export function createChatRequestSchema(maxMessageChars: number) {
  return z
    .object({
      sessionId: z.uuid({ error: "sessionId 应为会话编号（UUID）" }).optional(),
      message: z
        .string({ error: "缺少消息内容 message" })
        .trim()
        .min(1, "消息内容不能为空")
        .max(maxMessageChars, `消息不能超过 ${maxMessageChars} 个字符`),
    })
    .strict()
    .meta({ id: "ChatRequest" });
}

export const FeedbackRequestSchema = z
  .object({
    sessionId: z.uuid({ error: "sessionId 应为会话编号（UUID）" }),
    messageId: z.uuid({ error: "messageId 应为消息编号（UUID）" }),
    rating: z.enum(["up", "down"], { error: "rating 只能是 up 或 down" }),
    comment: z.string().trim().max(500, "评价内容不能超过 500 个字符").optional(),
  })
  .strict()
  .meta({ id: "FeedbackRequest" });

/** The reply of POST /api/chat: the schema the agents define it with (re-exported for the OpenAPI document). */
export { ChatReplySchema };

export const FeedbackResponseSchema = z
  .object({ feedbackId: z.string(), replaced: z.boolean() })
  .meta({ id: "FeedbackResponse" });

export const UnansweredResponseSchema = z
  .object({
    questions: z.array(
      z.object({
        normalizedText: z.string(),
        question: z.string(),
        count: z.number(),
        ungrounded: z.number(),
        downRated: z.number(),
        lastSeenAt: z.union([z.string(), z.date()]),
      }),
    ),
  })
  .meta({ id: "UnansweredQuestions" });

const UnansweredQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1, "limit 至少为 1").max(1000, "limit 不能超过 1000").default(50) })
  .strict();

export interface ChatRouterDependencies {
  chat: ChatService;
  storage: Pick<Storage, "sessions" | "feedback" | "listUnanswered"> & Partial<Pick<Storage, "reachable">>;
  adminToken?: string;
  limits?: Partial<ChatLimits>;
  /** PORTAL_TOKEN_SECRET: verifies `X-Banshi-User-Token`; unset, the header is ignored. */
  portalTokenSecret?: string;
  /** Destroys a deleted session's data key (crypto-shredding); default: nothing to destroy. */
  destroySessionKey?: (sessionId: string) => Promise<void>;
  /** Where the per-client limits count (REDIS_URL: shared by all nodes). Default: in memory. */
  rateLimiters?: RateLimiterFactory;
  /** Told of each reply sent (metrics). */
  onReply?: (reply: { intent: string; grounded: boolean }) => void;
}

const SessionIdParamsSchema = z.object({ sessionId: z.uuid({ error: "sessionId 应为会话编号（UUID）" }) });

/** The request header the widget passes a portal's signed login token in. */
export const PORTAL_TOKEN_HEADER = "x-banshi-user-token";

/** POST /api/chat (JSON or SSE), POST /api/feedback, GET /api/admin/unanswered. */
export function createChatRouter(dependencies: ChatRouterDependencies): Router {
  const { chat, storage, adminToken } = dependencies;
  const limits = { ...DEFAULT_CHAT_LIMITS, ...dependencies.limits };
  const ChatRequestSchema = createChatRequestSchema(limits.maxMessageChars);
  const limiter = (dependencies.rateLimiters ?? memoryRateLimiters)({
    name: "chat",
    limit: limits.requestsPerMinute,
    windowMs: 60_000,
  });
  const router = Router();
  const clientKeyOf = (request: Request) => request.ip ?? "unknown";
  /**
   * Sessions the client opened in the last hour. With the database away no session can be opened
   * (the reply comes unsaved), so there is nothing to count: 0, and the per-minute limit still holds.
   */
  const sessionsOpened = async (clientKey: string) => {
    try {
      return await storage.sessions.countByClientSince({ clientKey, since: new Date(Date.now() - 3_600_000) });
    } catch (error) {
      if (!storage.reachable || (await storage.reachable())) throw error;
      return 0;
    }
  };

  router.post("/chat", async (request, response) => {
    const parsed = ChatRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequestFromZod(parsed.error, "message");
    const clientKey = clientKeyOf(request);
    if (!(await limiter.take(clientKey))) throw new AppError("rate_limited", "提问太频繁了，请稍等一分钟再试");
    if (!parsed.data.sessionId && (await sessionsOpened(clientKey)) >= limits.sessionsPerHour)
      throw new AppError("rate_limited", "新建对话过于频繁，请稍后再试，或继续使用当前对话");
    const userId = portalUserOf(request, dependencies.portalTokenSecret);
    // The reply leaves in the shape the schema (and so the OpenAPI document and the widget) promise.
    const reply = ChatReplySchema.parse(
      await chat.reply({ sessionId: parsed.data.sessionId, message: parsed.data.message, clientKey, userId }),
    );
    dependencies.onReply?.(reply);
    if (request.accepts(["application/json", "text/event-stream"]) === "text/event-stream")
      streamReply(response, reply);
    else response.json(reply);
  });

  router.post("/feedback", async (request, response) => {
    const parsed = FeedbackRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequestFromZod(parsed.error, "feedback");
    const result = await storage.feedback.record(parsed.data);
    if (result.status === "message_not_found") throw new AppError("not_found", "没有找到要评价的回答");
    if (result.status === "not_an_answer") throw new AppError("bad_request", "只能评价助手的回答");
    response.status(201).json({ feedbackId: result.feedback.id, replaced: result.replaced });
  });

  // A signed-in portal user deletes their own conversation: messages, ratings and comments go with
  // the session, and its data key is destroyed, so no copy of them can be read again.
  router.delete("/sessions/:sessionId", async (request, response) => {
    const params = SessionIdParamsSchema.safeParse(request.params);
    if (!params.success) throw badRequestFromZod(params.error, "sessionId");
    const userId = portalUserOf(request, dependencies.portalTokenSecret);
    if (!userId) throw new AppError("unauthorized", "删除对话记录需要先在门户登录（X-Banshi-User-Token）");
    const session = await storage.sessions.get(params.data.sessionId);
    if (!session || session.userId !== userId) throw new AppError("not_found", "没有找到您的这段对话");
    await storage.sessions.delete(session.id);
    await dependencies.destroySessionKey?.(session.id);
    response.status(204).end();
  });

  router.get("/admin/unanswered", async (request, response) => {
    requireAdmin(request, adminToken);
    const parsed = UnansweredQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "limit");
    response.json(await storage.listUnanswered({ limit: parsed.data.limit }));
  });

  return router;
}

/** The portal user a valid signed token names; no token → anonymous; a bad or expired one → 401. */
function portalUserOf(request: Request, secret: string | undefined): string | undefined {
  return readPortalUser(request.get(PORTAL_TOKEN_HEADER), secret)?.userId;
}

/** The same reply as server-sent events: answer-delta…, then its parts, then done with the whole. */
function streamReply(response: Response, reply: ChatReply): void {
  response.status(200);
  response.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  response.setHeader("Cache-Control", "no-cache");
  response.setHeader("X-Accel-Buffering", "no");
  const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  for (const line of reply.answer.text.split(/(?<=\n)/u)) send("answer-delta", { text: line });
  send("citations", reply.answer.citations);
  if (reply.route) send("route", reply.route);
  if (reply.clarify) send("clarify", reply.clarify);
  if (reply.scenario) send("scenario", reply.scenario);
  if (reply.checklist) send("checklist", reply.checklist);
  if (reply.handoff) send("handoff", reply.handoff);
  if (reply.degraded) send("degraded", reply.degraded);
  send("done", reply);
  response.end();
}
