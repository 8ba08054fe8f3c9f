import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createUser, countUsers } from "@/lib/users";

export const DEMO_ADMIN_EMAIL = "admin@demo.local";

/**
 * The first admin's password: random for every install, answered once by seedDemo (and so
 * printed once on the terminal of the first `npm run up`), stored only as its hash. No
 * install accepts a password that is written anywhere.
 */
const firstRunPassword = () => randomBytes(15).toString("base64url"); // 20 characters, 120 bits

export const DEMO_INTEGRATION = "demo";

// GPS: where the demo crew's photos are taken (lib/demo/crew.ts).
const DEMO_ORDERS = [
  {
    workOrderNumber: "DEMO-1001",
    address1: "110 East Main Street",
    city: "Round Rock",
    state: "TX",
    zip: "78664",
    clientStatus: "Order Created",
    gpsLatitude: 30.50881246,
    gpsLongitude: -97.67852886,
    services: [{ serviceName: "Lawn Maintenance" }, { serviceName: "Exterior Photos", survey: "demo::Exterior-Condition-v1" }],
  },
  {
    workOrderNumber: "DEMO-1002",
    address1: "2500 Oak Hollow Drive",
    city: "Austin",
    state: "TX",
    zip: "78758",
    clientStatus: "Rush Order",
    gpsLatitude: 30.38664,
    gpsLongitude: -97.70994,
    services: [{ serviceName: "Winterization" }],
  },
  {
    workOrderNumber: "DEMO-1003",
    address1: "41 Pecan Lane",
    city: "Georgetown",
    state: "TX",
    zip: "78626",
    clientStatus: "Order Created",
    gpsLatitude: 30.63312,
    gpsLongitude: -97.67723,
    services: [{ serviceName: "Property Inspection" }],
  },
];

/**
 * First-run demo data: an admin to sign in with (a random password, shown once), a demo
 * integration and a few orders.
 * Does nothing once any user exists. (The suggested status mappings come with every
 * install: migration 20261126020000_push_delivery.)
 */
export async function seedDemo() {
  if ((await countUsers()) > 0) return { seeded: false, reason: "users already exist" };
  const login = { email: DEMO_ADMIN_EMAIL, password: firstRunPassword() };
  await createUser({ ...login, role: "admin", name: "Demo admin" });
  const integration = await db().integration.upsert({
    where: { username: DEMO_INTEGRATION },
    create: { username: DEMO_INTEGRATION, name: "Demo Pruvan account", mode: "external", clientCode: "DEMO" },
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
        services: { create: services.map((service, position) => ({ ...service, position })) },
      },
    });
  }
  return {
    seeded: true,
    login,
    notice: "The admin's password is shown only this once: note it now. Lost: npm run cli -- user:set-password --email " + DEMO_ADMIN_EMAIL,
    orders: DEMO_ORDERS.length,
  };
}
