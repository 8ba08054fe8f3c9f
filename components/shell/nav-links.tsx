"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SignOutButton } from "./sign-out-button";

export type NavEntry = { href: string; label: string };

/**
 * The main navigation: a sidebar from tablet width up; on a phone a top bar whose Menu
 * button opens the links (and closes when one is followed).
 */
export function MainNav({ groups, user }: { groups: NavEntry[][]; user: { email: string; role: string } }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Main" className="bg-brand-900 px-3 py-2 md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:overflow-y-auto md:py-5">
      <div className="flex items-center justify-between gap-3">
        <p className="px-3 text-sm font-semibold tracking-wide text-white md:mb-3">Work-order portal</p>
        <button
          type="button"
          onClick={() => setOpen((v) => !v)}
          aria-expanded={open}
          aria-controls="main-nav-panel"
          className="rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-white/30 hover:bg-white/10 focus-visible:outline-white md:hidden"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      <div id="main-nav-panel" className={`${open ? "block" : "hidden"} pt-2 pb-1 md:block md:p-0`}>
        {groups.map((entries, g) => (
          <ul
            key={g}
            className={`flex flex-col gap-0.5 ${g > 0 ? "mt-3 border-t border-white/10 pt-3" : ""}`}
            aria-label={g > 0 ? "Admin" : undefined}
          >
            {entries.map((entry) => {
              const active = isActive(entry.href);
              return (
                <li key={entry.href}>
                  <Link
                    href={entry.href}
                    onClick={() => setOpen(false)}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-white md:py-1.5 ${
                      active ? "bg-brand-600 text-white" : "text-slate-200 hover:bg-white/10 hover:text-white"
                    }`}
                  >
                    {entry.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        ))}
        <div className="mt-4 border-t border-white/10 px-3 pt-3 text-xs text-slate-300">
          <p className="truncate" title={user.email}>
            {user.email}
          </p>
          <p className="mb-2 capitalize">{user.role}</p>
          <div className="flex gap-3">
            <Link
              href="/account"
              onClick={() => setOpen(false)}
              className="text-xs font-medium text-slate-200 underline hover:text-white focus-visible:outline-white"
            >
              Your account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </div>
    </nav>
  );
}
