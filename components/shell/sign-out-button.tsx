"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/sign-in" })}
      className="rounded px-0 text-xs font-medium text-slate-200 underline hover:text-white focus-visible:outline-white"
    >
      Sign out
    </button>
  );
}
