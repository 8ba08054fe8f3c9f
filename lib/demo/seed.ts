import { db } from "@/lib/db";
import { createUser, countUsers } from "@/lib/users";

export const DEMO_LOGIN = { email: "admin@demo.local", password: "demo-admin-pass" } as const;

// Pruvan's suggested client status messages (remote-fields-and-statuses.txt); null = not set.
const SUGGESTED_MAPPINGS = [
  { clientStatus: "Order Created", pruvanStatus: null },
  { clientStatus: "Rush Order", pruvanStatus: "rush" },
  { clientStatus: "Rework Required", pruvanStatus: "rework" },
  { clientStatus: "Order Canceled", pruvanStatus: "canceled" },
  { clientStatus: "Order Closed", pruvanStatus: "closed" },
] as const;

const DEMO_ORDERS = [
  { workOrderNumber: "DEMO-1001", address1: "110 East Main Street", city: "Round Rock", state: "TX", zip: "78664", clientStatus: "Order Created", services: ["Lawn Maintenance", "Exterior Photos"] },
  { workOrderNumber: "DEMO-1002", address1: "2500 Oak Hollow Drive", city: "Austin", state: "TX", zip: "78758", clientStatus: "Rush Order", services: ["Winterization"] },
  { workOrderNumber: "DEMO-1003", address1: "41 Pecan Lane", city: "Georgetown", state: "TX", zip: "78626", clientStatus: "Order Created", services: ["Property Inspection"] },
];

/**
 * First-run demo data: an admin to sign in with, a demo integration, the doc's suggested
 * status mappings and a few orders. Does nothing once any user exists.
 */
export async function seedDemo() {
  if ((await countUsers()) > 0) return { seeded: false, reason: "users already exist" };
  await createUser({ email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, role: "admin", name: "Demo admin" });
  for (const m of SUGGESTED_MAPPINGS) {
    await db().statusMapping.upsert({ where: { clientStatus: m.clientStatus }, create: m, update: {} });
  }
  const integration = await db().integration.upsert({
    where: { username: "demo" },
    create: { username: "demo", name: "Demo Pruvan account", mode: "external", clientCode: "DEMO" },
    update: {},
  });
  const dueDate = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 12));
  for (const o of DEMO_ORDERS) {
    const { services, ...fields } = o;
    await db().workOrder.upsert({
      where: { workOrderNumber: o.workOrderNumber },
      update: {},
      create: {
        ...fields,
        dueDate,
        integrationId: integration.id,
        services: { create: services.map((serviceName, position) => ({ serviceName, position })) },
      },
    });
  }
  return { seeded: true, login: DEMO_LOGIN, orders: DEMO_ORDERS.length };
}
