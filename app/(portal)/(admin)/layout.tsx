import { requireAdmin } from "@/lib/auth/session";

// Checked here, outside every loading boundary, so that staff get a real 403 status.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
