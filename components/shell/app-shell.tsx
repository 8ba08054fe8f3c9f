import type { CurrentUser } from "@/lib/auth/session";
import { NavLinks, type NavEntry } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

const entries: NavEntry[] = [
  { href: "/", label: "Dashboard" },
  { href: "/orders", label: "Orders" },
  { href: "/integrations", label: "Integrations" },
  { href: "/status-mapping", label: "Status mapping" },
  { href: "/uploads", label: "Uploads" },
  { href: "/push-log", label: "Push log" },
  { href: "/users", label: "Users" },
];

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <nav aria-label="Main" className="bg-brand-900 px-3 py-3 md:min-h-screen md:w-56 md:shrink-0 md:py-5">
        <p className="mb-3 px-3 text-sm font-semibold tracking-wide text-white">Work-order portal</p>
        <NavLinks entries={entries} />
        <div className="mt-4 border-t border-white/10 px-3 pt-3 text-xs text-slate-300">
          <p className="truncate" title={user.email}>
            {user.email}
          </p>
          <p className="mb-2 capitalize">{user.role}</p>
          <SignOutButton />
        </div>
      </nav>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
        {children}
      </main>
    </div>
  );
}
