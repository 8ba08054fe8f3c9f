import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { claimSignIn } from "@/lib/auth/sign-in-throttle";
import { clientAddressFrom } from "@/lib/http/client-address";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handle = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx as never, authOptions());

// GET /api/auth/* - next-auth (session, csrf, providers)
export const GET = handle;

// POST /api/auth/* - next-auth; each sign-in attempt is counted before its password is
// checked, and one over the limits gets 429 without a check (lib/auth/sign-in-throttle.ts)
export async function POST(req: Request, ctx: Ctx) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => undefined);
    const claim = await claimSignIn(clientAddressFrom(req.headers), String(form?.get("email") ?? ""));
    if (!claim.ok) {
      const seconds = Math.ceil(claim.retryAfterMs / 1000);
      return Response.json(
        { error: `Too many failed sign-ins. Try again in ${seconds} seconds.`, retryAfter: seconds },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
  }
  return handle(req, ctx);
}
