import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; passwordChanged?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl, passwordChanged } = await searchParams;
  // Only paths on the portal: never bounce a signed-in user to another origin.
  const next = safeCallbackPath(callbackUrl, config().publicUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold text-slate-900">Sign in to the work-order portal</h1>
        <p className="mt-1 mb-5 text-sm text-slate-600">Office staff sign in with their email and password.</p>
        {passwordChanged ? (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            Password changed. Sign in with the new one.
          </p>
        ) : null}
        <SignInForm callbackUrl={next} />
        <details className="mt-5 text-xs text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">A fresh install?</summary>
          <p className="mt-2">
            The first <code>npm run up</code> printed the admin&apos;s email (admin@demo.local) and a random password on its terminal, once.
            Lost it: on the server, <code>npm run cli -- user:set-password --email admin@demo.local</code> asks for a new one.
          </p>
        </details>
      </div>
    </main>
  );
}
