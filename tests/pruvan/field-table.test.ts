import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { Prisma } from "@/lib/db";
import { workOrderCreateSchema, workOrderUpdateSchema, serviceInputSchema } from "@/lib/orders/schemas";
import {
  ORDER_COLUMNS_NOT_FIELDS,
  ORDER_FIELDS,
  SERVICE_COLUMNS_NOT_FIELDS,
  SERVICE_FIELDS,
  sqlColumnOf,
} from "@/lib/pruvan/work-order-fields";
import { wireOrderSelect, wireServiceSchema, wireWorkOrderSchema } from "@/lib/pruvan/work-order-wire";

// The one field table (lib/pruvan/work-order-fields) against the database schema: a column
// added to WorkOrder or Service without a row (or a row without a column) fails here, so a
// field cannot be added half done.

const schemaText = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");

/** The @map of each field of a model in schema.prisma, by field name. */
function mappedColumns(model: string): Map<string, string> {
  const body = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schemaText)?.[1] ?? "";
  return new Map([...body.matchAll(/^\s*(\w+)\s+\S+.*@map\("([^"]+)"\)/gm)].map((m) => [m[1]!, m[2]!]));
}

describe("the field table covers every column", () => {
  test("every WorkOrder column is a field row or named as not a Pruvan field, and every row is a column", () => {
    const columns = Object.keys(Prisma.WorkOrderScalarFieldEnum);
    const covered = new Set<string>([...ORDER_FIELDS.map((f) => f.column), ...ORDER_COLUMNS_NOT_FIELDS]);
    assert.deepEqual(
      columns.filter((c) => !covered.has(c)),
      [],
      "columns without a row in ORDER_FIELD_TABLE",
    );
    assert.deepEqual(
      ORDER_FIELDS.map((f) => f.column).filter((c) => !columns.includes(c)),
      [],
      "rows without a column",
    );
  });

  test("every Service column is a field row or named as not a Pruvan field, and every row is a column", () => {
    const columns = Object.keys(Prisma.ServiceScalarFieldEnum);
    const covered = new Set<string>([...SERVICE_FIELDS.map((f) => f.column), ...SERVICE_COLUMNS_NOT_FIELDS]);
    assert.deepEqual(
      columns.filter((c) => !covered.has(c)),
      [],
      "columns without a row in SERVICE_FIELD_TABLE",
    );
    assert.deepEqual(
      SERVICE_FIELDS.map((f) => f.column).filter((c) => !columns.includes(c)),
      [],
      "rows without a column",
    );
  });

  test("the pull SQL's column names are the schema's @map names", () => {
    for (const [model, rows] of [
      ["WorkOrder", ORDER_FIELDS],
      ["Service", SERVICE_FIELDS],
    ] as const) {
      const mapped = mappedColumns(model);
      for (const row of rows) assert.equal(sqlColumnOf(row), mapped.get(row.column) ?? row.column, `${model}.${row.column}`);
    }
  });

  test("wire names are unique and the derived shapes have exactly the table's fields", () => {
    assert.equal(new Set(ORDER_FIELDS.map((f) => f.wire)).size, ORDER_FIELDS.length);
    assert.deepEqual(
      Object.keys(wireWorkOrderSchema.shape).filter((k) => k !== "services" && k !== "force"),
      ORDER_FIELDS.map((f) => f.wire),
    );
    assert.deepEqual(Object.keys(wireServiceSchema.shape).sort(), SERVICE_FIELDS.map((f) => f.wire).sort());
    assert.deepEqual(
      Object.keys(workOrderUpdateSchema.shape)
        .filter((k) => k !== "services")
        .sort(),
      ORDER_FIELDS.map((f) => f.wire).sort(),
    );
    assert.deepEqual(
      Object.keys(serviceInputSchema.shape)
        .filter((k) => k !== "id")
        .sort(),
      SERVICE_FIELDS.map((f) => f.wire).sort(),
    );
    assert.deepEqual(
      Object.keys(wireOrderSelect).filter((k) => k !== "deletedAt"),
      ORDER_FIELDS.map((f) => f.column),
    );
  });

  test("a create without a required field is refused by the derived create schema", () => {
    const order = {
      workOrderNumber: "T-1",
      address1: "1 Main",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
      services: [{ serviceName: "Task" }],
    };
    assert.equal(workOrderCreateSchema.safeParse(order).success, true);
    for (const row of ORDER_FIELDS.filter((f) => f.required)) {
      const without = { ...order, [row.wire]: undefined };
      assert.equal(workOrderCreateSchema.safeParse(without).success, false, `${row.wire} is required`);
    }
  });
});
