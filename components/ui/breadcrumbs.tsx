import Link from "next/link";

/** Where a page sits: links up the way, then the page itself. */
export function Breadcrumbs({
  trail,
  current,
  className = "mb-2",
}: {
  trail: { href: string; label: string }[];
  current: string;
  className?: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className={`text-sm ${className}`}>
      {trail.map((step) => (
        <span key={step.href}>
          <Link href={step.href} className="text-brand-700 underline">
            {step.label}
          </Link>
          <span className="text-slate-400"> / </span>
        </span>
      ))}
      <span className="text-slate-500" aria-current="page">
        {current}
      </span>
    </nav>
  );
}
