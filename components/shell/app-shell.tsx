import type { CurrentUser } from "@/lib/auth/session";
import { MainNav, type NavEntry } from "./nav-links";

const staffEntries: NavEntry[] = [
  { href: "/", label: "Dashboard" },
  { href: "/orders", label: "Orders" },
  { href: "/uploads", label: "Uploads" },
  { href: "/push-log", label: "Push log" },
];

// Admin pages answer 403 to staff, so staff are not shown the way there.
const adminEntries: NavEntry[] = [
  { href: "/integrations", label: "Integrations" },
  { href: "/status-mapping", label: "Status mapping" },
  { href: "/users", label: "Users" },
];

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <MainNav
        groups={user.role === "admin" ? [staffEntries, adminEntries] : [staffEntries]}
        user={{ email: user.email, role: user.role }}
      />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
        {children}
      </main>
    </div>
  );
}
