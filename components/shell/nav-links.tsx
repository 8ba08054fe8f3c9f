"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavEntry = { href: string; label: string };

export function NavLinks({ entries }: { entries: NavEntry[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1 md:flex-col">
      {entries.map((entry) => {
        const active = entry.href === "/" ? pathname === "/" : pathname.startsWith(entry.href);
        return (
          <li key={entry.href}>
            <Link
              href={entry.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-medium ${
                active ? "bg-brand-600 text-white" : "text-slate-200 hover:bg-white/10 hover:text-white"
              }`}
            >
              {entry.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
