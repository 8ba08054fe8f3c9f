import type { Metadata } from "next";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserRow } from "@/components/users/user-row";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Office staff who can sign in. Admins also manage integrations, status mapping and users." />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <Table head={["Email", "Role", "State", "Actions"]} caption="Users">
          {users.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === admin.id} />
          ))}
        </Table>
        <Card title="Add a user">
          <AddUserForm />
        </Card>
      </div>
    </>
  );
}
