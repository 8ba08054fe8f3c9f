import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email} (${user.role}).`} />
      <div className="max-w-md">
        <Card title="Change your password">
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
