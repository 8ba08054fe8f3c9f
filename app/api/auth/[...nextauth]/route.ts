import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { signInRetryAfterMs } from "@/lib/auth/throttle";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handle = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx as never, authOptions());

// GET /api/auth/* - next-auth (session, csrf, providers)
export const GET = handle;

// POST /api/auth/* - next-auth; a throttled email gets 429 before its password is even checked
export async function POST(req: Request, ctx: Ctx) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req.clone().formData().catch(() => undefined);
    const waitMs = await signInRetryAfterMs(String(form?.get("email") ?? ""));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return Response.json(
        { error: `Too many failed sign-ins. Try again in ${seconds} seconds.`, retryAfter: seconds },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
  }
  return handle(req, ctx);
}
