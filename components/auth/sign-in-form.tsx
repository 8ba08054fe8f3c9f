"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

// Posts to next-auth's credentials callback itself (rather than next-auth/react's signIn)
// so that a throttled attempt's 429 and Retry-After reach the person signing in.
async function postCredentials(email: string, password: string, callbackUrl: string): Promise<string | null> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
  if (res.status === 429) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return body.error ?? "Too many failed sign-ins. Wait a moment and try again.";
  }
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (!res.ok || !body.url || new URL(body.url, location.href).searchParams.has("error")) {
    return "Wrong email or password, or the account is disabled.";
  }
  return null;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const failure = await postCredentials(String(form.get("email")), String(form.get("password")), callbackUrl);
      if (failure) setError(failure);
      else window.location.assign(callbackUrl);
    } catch {
      setError("The portal could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-callback-url={callbackUrl}>
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in..." : "Sign in"}
      </Button>
    </form>
  );
}
